/**
 * Folds offer text into the one spelling the screening rules are written in: lower case, no
 * accents, Latin letters only (Cyrillic and Greek look-alikes mapped), no invisible characters,
 * one space between words, and the common disguises undone (« v.e.n.d.e.u.s.e », « V E N D E U S E »,
 * « vend3use »). Every folded character remembers the source characters it came from, so a
 * finding can quote the recruiter's own text.
 */
export interface FoldedText {
  readonly source: string;
  readonly text: string;
  /** For each character of `text`, the index in `source` of the character it was folded from. */
  readonly from: Int32Array;
}

// Zero-width and bidi controls, soft hyphen, variation selectors, fillers: invisible (J4).
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
];
const isInvisible = (cp: number): boolean => INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
const SPACES = /^[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]$/u;

// Letters that look Latin but are not: the classic homoglyph disguise.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ɡ: 'g',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŀ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
};
const APOSTROPHES = new Set(["'", '’', '‘', '‛', '′', '`', '´', 'ʼ']);
const DASHES = new Set(['‐', '‑', '‒', '–', '—', '―', '−', '﹣', '－']);
// The middle dot of inclusive writing (« serveur·euse ») in its look-alike codings.
const MIDDLE_DOTS = new Set(['·', '⋅', '∙', '‧', '・', '•']);

const cache = new Map<number, string>();

function foldCodePoint(cp: number): string {
  const cached = cache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  let out: string;
  if (isInvisible(cp)) out = '';
  else if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') out = '\n';
  else if (SPACES.test(ch)) out = ' ';
  else if (APOSTROPHES.has(ch)) out = "'";
  else if (DASHES.has(ch)) out = '-';
  else if (MIDDLE_DOTS.has(ch)) out = '·';
  else {
    const lower = ch.toLowerCase();
    out =
      HOMOGLYPHS[lower] ??
      lower
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split('')
        .map((c) => HOMOGLYPHS[c] ?? c)
        .join('');
  }
  if (cache.size < 50_000) cache.set(cp, out);
  return out;
}

const SPACE = 32;
const NEWLINE = 10;
const AT = 64;
const DROP = 0;
const COMPOSITE = 0xffff;

// Folded code of every UTF-16 unit below 0x2100 that folds to exactly one character (DROP for
// invisible ones); COMPOSITE for the rest (surrogates, « œ » → « oe », symbols), folded one by one.
const TABLE_SIZE = 0x2100;
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    if (c >= 0xd800) {
      table[c] = COMPOSITE;
      continue;
    }
    const folded = c < 0x80 ? foldAscii(c) : foldCodePoint(c);
    table[c] = folded.length === 0 ? DROP : folded.length === 1 ? folded.charCodeAt(0) : COMPOSITE;
  }
  return table;
}

function foldAscii(c: number): string {
  if (c >= 65 && c <= 90) return String.fromCharCode(c + 32);
  if (c === 9 || c === SPACE) return ' ';
  if (c === NEWLINE || c === 13) return '\n';
  if (c === 96) return "'";
  if (c < 32 || c === 127) return '';
  return String.fromCharCode(c);
}

interface Folding {
  text: string;
  /** Source index of each folded character; only when asked for (`track`). */
  from: Int32Array | null;
  /** Cheap hints that the disguise passes have something to undo (they are skipped otherwise). */
  maybeSpelledOut: boolean;
  maybeLeet: boolean;
}

// Output buffers reused by every call: folding runs on every field of every offer, and fresh
// buffers per call (with their garbage collection) cost a third of it. Folding is synchronous,
// so no two calls ever share them.
let scratchCodes = new Uint16Array(1 << 14);
let scratchFrom = new Int32Array(1 << 14);

function growScratch(capacity: number, keep: number): void {
  const codes = new Uint16Array(Math.max(capacity, scratchCodes.length * 2));
  codes.set(scratchCodes.subarray(0, keep));
  const from = new Int32Array(codes.length);
  from.set(scratchFrom.subarray(0, keep));
  scratchCodes = codes;
  scratchFrom = from;
}

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
// 0 1 3 4 5 $ : what LEET_LETTERS undoes.
const isLeetDigit = (c: number): boolean => (c >= 48 && c <= 53 && c !== 50) || c === 36;

/**
 * Folds every character, collapsing runs of spaces into one and runs of newlines into one, and
 * notes the hints of a disguise. A table lookup per character, written as one flat loop over
 * local state: this runs on every offer of every import. `track` also records, for each folded
 * character, the source index it came from (only needed to quote a finding or undo a disguise).
 */
function foldCharacters(source: string, track: boolean): Folding {
  const length = source.length;
  if (scratchCodes.length < length + 8) growScratch(length + 8, 0);
  let codes = scratchCodes;
  let from = scratchFrom;
  let n = 0;
  let last = NEWLINE; // leading blanks are dropped
  let beforeLast = NEWLINE;
  let wordLength = 0;
  let singleLetterWords = 0;
  let maybeSpelledOut = false;
  let maybeLeet = false;
  for (let i = 0; i < length; i++) {
    const unit = source.charCodeAt(i);
    let c = unit < TABLE_SIZE ? TABLE[unit]! : COMPOSITE;
    if (c === DROP) continue;
    const at = i;
    let composite: string | null = null;
    let next = 0;
    if (c === COMPOSITE) {
      const cp = source.codePointAt(i)!;
      if (cp > 0xffff) i++;
      composite = foldCodePoint(cp);
      if (composite.length === 0) continue;
      // A composite folds to several characters (« ﷺ » to 18): room for them and the rest.
      if (n + composite.length + (length - i) >= codes.length) {
        growScratch(n + composite.length + (length - i) + 8, n);
        codes = scratchCodes;
        from = scratchFrom;
      }
      c = composite.charCodeAt(0);
      next = 1;
    }
    for (;;) {
      if (c === SPACE) {
        if (last !== SPACE && last !== NEWLINE) {
          if (isWordCode(last)) {
            singleLetterWords = wordLength === 1 ? singleLetterWords + 1 : 0;
            if (singleLetterWords >= 3) maybeSpelledOut = true;
          }
          codes[n] = c;
          if (track) from[n] = at;
          n++;
          beforeLast = last;
          last = c;
        }
      } else if (c === NEWLINE) {
        if (last === SPACE) {
          // « word \n » : the newline takes the place of the space before it.
          codes[n - 1] = NEWLINE;
          last = NEWLINE;
        } else if (last !== NEWLINE) {
          if (isWordCode(last)) {
            singleLetterWords = wordLength === 1 ? singleLetterWords + 1 : 0;
            if (singleLetterWords >= 3) maybeSpelledOut = true;
          }
          codes[n] = c;
          if (track) from[n] = at;
          n++;
          beforeLast = last;
          last = c;
        }
      } else {
        if (isWordCode(c)) {
          // A 0 1 3 4 5 or $ between letters may stand for o i e a s (« vend3use », « a$$istante »).
          if (c >= 97 && isLeetDigit(last) && beforeLast >= 97 && beforeLast <= 122) maybeLeet = true;
          wordLength = isWordCode(last) ? wordLength + 1 : 1;
        } else {
          if (isWordCode(last)) {
            singleLetterWords = wordLength === 1 ? singleLetterWords + 1 : 0;
            if (singleLetterWords >= 3) maybeSpelledOut = true;
          }
          if (c === AT && !isWordCode(last)) maybeLeet = true; // « @ssistante », not an e-mail address
        }
        codes[n] = c;
        if (track) from[n] = at;
        n++;
        beforeLast = last;
        last = c;
      }
      if (composite === null || next >= composite.length) break;
      c = composite.charCodeAt(next++);
    }
  }
  if (wordLength === 1 && singleLetterWords >= 2 && isWordCode(last)) maybeSpelledOut = true;
  while (n > 0 && (codes[n - 1] === SPACE || codes[n - 1] === NEWLINE)) n--;
  return {
    text: decodeUtf16(codes, n),
    from: track ? from.slice(0, n) : null,
    maybeSpelledOut,
    maybeLeet,
  };
}

function decodeUtf16(codes: Uint16Array, length: number): string {
  return Buffer.from(codes.buffer, codes.byteOffset, length * 2).toString('utf16le');
}

/**
 * Folded text whose source indexes are computed on first use: most offers raise no finding, so
 * most never need them.
 */
class LazilyMappedText implements FoldedText {
  private mapped: Int32Array | null = null;

  constructor(
    readonly source: string,
    readonly text: string,
  ) {}

  get from(): Int32Array {
    this.mapped ??= foldCharacters(this.source, true).from!;
    return this.mapped;
  }
}

// Four or more single letters kept apart by the same dots, spaces, dashes or stars: « v.e.n.d.e.u.s.e ».
const SPELLED_OUT = /(?<![a-z0-9])[a-z]([ .\-_*·~|+]{1,3})[a-z](?![a-z0-9])(?:\1[a-z](?![a-z0-9])){2,}/g;
// A digit or symbol standing for a letter inside a word: « vend3use », « @ssistante ».
const LEET = /(?<=[a-z])[0134$5](?=[a-z])|(?<![a-z0-9])@(?=[a-z]{2})/g;
const LEET_LETTERS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  $: 's',
  '@': 'a',
};

/** Rewrites `folded` by replacing each match of `pattern`; kept characters keep their source index. */
function rewrite(
  folded: FoldedText,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => Array<{ char: string; at: number }>,
): FoldedText {
  pattern.lastIndex = 0;
  if (!pattern.test(folded.text)) return folded;
  pattern.lastIndex = 0;
  let text = '';
  const from: number[] = [];
  let cursor = 0;
  for (let m = pattern.exec(folded.text); m !== null; m = pattern.exec(folded.text)) {
    text += folded.text.slice(cursor, m.index);
    for (let k = cursor; k < m.index; k++) from.push(folded.from[k]!);
    for (const { char, at } of replace(m)) {
      text += char;
      from.push(folded.from[at]!);
    }
    cursor = m.index + m[0].length;
  }
  text += folded.text.slice(cursor);
  for (let k = cursor; k < folded.text.length; k++) from.push(folded.from[k]!);
  return { source: folded.source, text, from: Int32Array.from(from) };
}

export function foldText(source: string): FoldedText {
  const quick = foldCharacters(source, false);
  const spelledOut = quick.maybeSpelledOut && matches(SPELLED_OUT, quick.text);
  const leet = quick.maybeLeet && matches(LEET, quick.text);
  // The hints fire on about one field in ten, a real disguise on fewer than one in a hundred.
  if (!spelledOut && !leet) return new LazilyMappedText(source, quick.text);
  const tracked = foldCharacters(source, true);
  let folded: FoldedText = { source, text: tracked.text, from: tracked.from! };
  if (spelledOut)
    folded = rewrite(folded, SPELLED_OUT, (m) => {
      const letters: Array<{ char: string; at: number }> = [];
      for (let k = 0; k < m[0].length; k++) {
        const c = m[0][k]!;
        if (c >= 'a' && c <= 'z') letters.push({ char: c, at: m.index + k });
      }
      return letters;
    });
  // Undoing the spelled-out letters can join a disguised word (« v.3.n.d.e.u.s.e »), so test again.
  if (spelledOut || leet) folded = rewrite(folded, LEET, (m) => [{ char: LEET_LETTERS[m[0]]!, at: m.index }]);
  return folded;
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/**
 * Calls `visit` with a hash of each word of `source` as folding spells it (letters a–z and digits,
 * case and accents off), without building the folded text: duplicate detection hashes every word
 * of every description. The hash is FNV-1a over the folded character codes.
 */
export function forEachFoldedWord(source: string, visit: (hash: number) => void): void {
  const length = source.length;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < length; i++) {
    const unit = source.charCodeAt(i);
    const c = unit < TABLE_SIZE ? TABLE[unit]! : COMPOSITE;
    if (c === DROP) continue;
    if (c !== COMPOSITE) {
      if (isWordCode(c)) {
        h = Math.imul(h ^ c, FNV_PRIME);
        inWord = true;
      } else if (inWord) {
        visit(h);
        h = FNV_OFFSET;
        inWord = false;
      }
      continue;
    }
    const cp = source.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) {
      const f = folded.charCodeAt(k);
      if (isWordCode(f)) {
        h = Math.imul(h ^ f, FNV_PRIME);
        inWord = true;
      } else if (inWord) {
        visit(h);
        h = FNV_OFFSET;
        inWord = false;
      }
    }
  }
  if (inWord) visit(h);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The source range behind folded characters [start, end). */
export function sourceRange(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  if (end <= start || start >= folded.from.length) {
    const at = folded.from[start] ?? folded.source.length;
    return { start: at, end: at };
  }
  const last = folded.from[end - 1]!;
  const width = folded.source.codePointAt(last)! > 0xffff ? 2 : 1;
  return { start: folded.from[start]!, end: last + width };
}
