import { genderOf } from '../screening/gendered-job-nouns';
import { forEachFoldedWord } from '../screening/fold-text';

/**
 * What duplicate detection compares of an offer: a MinHash signature of the description's
 * word 3-grams, the normalised title words, the company and the place. Signatures use one
 * permutation hashing with densification (Shrivastava & Li, 2014/2017): one hash per shingle
 * spread over 64 bins instead of 64 hashes per shingle, so a 300-word ad costs ~300 hashes.
 */
export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
const SHINGLE_WORDS = 3; // the code below keeps the last two word hashes
const BIN_BITS = 6; // 64 bins
// 16-bit minima (b-bit MinHash): two different shingle sets agree by chance once in 65,536, and a
// signature takes 128 bytes to store.
const VALUE_MASK = 0xffff;
const EMPTY = 0x10000;

export interface ClusterableOffer {
  /** Becomes the cluster id when the offer starts a cluster (the first member's id). */
  offerId: string;
  title: string;
  description: string;
  companyName: string | null;
  /** Commune INSEE code, else department code, else null. */
  placeKey: string | null;
}

export interface OfferFingerprint {
  signature: Uint16Array;
  /** One key per band: offers sharing a band key are candidate duplicates. */
  bandKeys: Int32Array;
  /** Hashes of the title's content words, sorted, unique. */
  titleWords: Uint32Array;
  companyKey: string | null;
  placeKey: string | null;
}

/** Murmur3's finaliser: a bijection on 32 bits that mixes every input bit into every output bit. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashText(text: string): number {
  return hashWord(text, 0, text.length);
}

function hashWord(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const MARKS = /[\u0300-\u036f]/g;
const WORD = /[a-z0-9]+/g;

/** Lower case, accents off: « Équipe » and « equipe » are one word. */
export function plainWords(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(MARKS, '');
}

export function signatureOf(description: string): Uint16Array {
  const bins = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  const add = (shingle: number): void => {
    const h = mix32(shingle);
    const bin = h >>> (32 - BIN_BITS);
    const value = h & VALUE_MASK;
    if (value < bins[bin]!) bins[bin] = value;
  };
  // Word hashes come straight from the folding table (no folded string); the last three make a shingle.
  let w1 = 0;
  let w2 = 0;
  let words = 0;
  forEachFoldedWord(description, (h) => {
    words++;
    if (words >= SHINGLE_WORDS)
      add(Math.imul(Math.imul(Math.imul(w1, 0x9e3779b1) ^ w2, 0x9e3779b1) ^ h, 0x9e3779b1));
    w1 = w2;
    w2 = h;
  });
  // Texts shorter than a shingle still get one, made of all their words.
  if (words > 0 && words < SHINGLE_WORDS) add(Math.imul(Math.imul(w1, 0x9e3779b1) ^ w2, 0x9e3779b1));
  densify(bins);
  return Uint16Array.from(bins);
}

/** An empty bin borrows the next filled bin's value, shifted by the distance, so two texts agree on it as often as on real bins. */
function densify(bins: Uint32Array): void {
  let filled = -1;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (bins[k] !== EMPTY) filled = k;
  if (filled === -1) {
    bins.fill(0); // no words at all: every such text looks alike, and the title decides
    return;
  }
  for (let k = SIGNATURE_SIZE - 1; k >= 0; k--) {
    if (bins[k] !== EMPTY) filled = k;
    else {
      const distance = (filled - k + SIGNATURE_SIZE) % SIGNATURE_SIZE;
      bins[k] = mix32(bins[filled]! + Math.imul(distance, 0x27d4eb2d)) & VALUE_MASK;
    }
  }
}

/**
 * One key per band, salted with the place: offers in different places are never the same job, so
 * a template posted in a thousand communes makes a thousand small buckets, not one huge one.
 */
export function bandKeysOf(signature: Uint16Array, placeKey: string | null): Int32Array {
  const keys = new Int32Array(BANDS);
  const place = placeKey === null ? 0 : hashText(placeKey);
  for (let b = 0; b < BANDS; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1) ^ place;
    for (let r = 0; r < ROWS_PER_BAND; r++) h = Math.imul(h ^ signature[b * ROWS_PER_BAND + r]!, 0x01000193);
    keys[b] = mix32(h) | 0;
  }
  return keys;
}

// Words that say nothing about which job it is: « H/F », contract names, link words.
const TITLE_NOISE = new Set(
  `h f hf fh e de des du d la le les l et en a au aux pour un une sur cdi cdd stage alternance interim
   apprentissage urgent poste offre emploi job`.split(/\s+/),
);

/** The title's content words, feminine forms folded to the masculine (« Vendeur / Vendeuse » = « vendeur »). */
export function titleWordsOf(title: string): Uint32Array {
  const text = plainWords(title);
  const hashes = new Set<number>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let word = m[0];
    // References (« EC9293 », « 2024-118 ») differ between re-posts of one job.
    if (TITLE_NOISE.has(word) || /\d/.test(word)) continue;
    const entry = genderOf(word);
    if (entry?.gender === 'f') word = entry.counterparts[0]!;
    else if (entry !== null && entry.lemma !== word) word = entry.lemma; // plural
    hashes.add(hashWord(word, 0, word.length));
  }
  return Uint32Array.from([...hashes].sort((a, b) => a - b));
}

// Legal forms and punctuation do not tell two employers apart (« SAS Durand » = « DURAND »).
const LEGAL_FORMS = /\b(?:sas|sasu|sarl|eurl|sa|sci|scop|snc|groupe|group|france|ltd|inc|gmbh)\b/g;

export function companyKeyOf(name: string | null): string | null {
  if (name === null) return null;
  const key = plainWords(name)
    .replace(LEGAL_FORMS, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return key === '' ? null : key;
}

export function fingerprintOf(offer: ClusterableOffer): OfferFingerprint {
  const signature = signatureOf(offer.description);
  return {
    signature,
    bandKeys: bandKeysOf(signature, offer.placeKey),
    titleWords: titleWordsOf(offer.title),
    companyKey: companyKeyOf(offer.companyName),
    placeKey: offer.placeKey,
  };
}
