/**
 * Folded words (a–z, 0–9) to values, found in a text without cutting it into strings: one FNV-1a
 * hash per word while scanning, then a check of the few words sharing that hash. Screening looks
 * up every word of every offer, so this loop must not allocate.
 */
export class WordIndex<T> {
  private readonly byHash = new Map<number, Array<{ word: string; value: T }>>();
  // One bit per hash value modulo 2^16: most words of an offer are in no index, and this bit
  // says so before any map lookup.
  private readonly maybe = new Uint32Array(FILTER_WORDS);

  set(word: string, value: T): void {
    const h = hashOf(word, 0, word.length);
    this.maybe[(h >>> 5) & (FILTER_WORDS - 1)]! |= 1 << (h & 31);
    const bucket = this.byHash.get(h) ?? [];
    const existing = bucket.find((e) => e.word === word);
    if (existing) existing.value = value;
    else bucket.push({ word, value });
    this.byHash.set(h, bucket);
  }

  get(word: string): T | undefined {
    return this.byHash.get(hashOf(word, 0, word.length))?.find((e) => e.word === word)?.value;
  }

  /** Calls `visit` for each word of text[from, to) that is in the index. */
  scan(text: string, from: number, to: number, visit: (value: T, start: number, end: number) => void): void {
    let i = from;
    while (i < to) {
      let c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      do {
        h = Math.imul(h ^ c, 0x01000193);
        i++;
        c = i < to ? text.charCodeAt(i) : 0;
      } while (isWordChar(c));
      if ((this.maybe[(h >>> 5) & (FILTER_WORDS - 1)]! & (1 << (h & 31))) === 0) continue;
      const bucket = this.byHash.get(h >>> 0);
      if (bucket === undefined) continue;
      for (const entry of bucket) {
        if (entry.word.length === i - start && text.startsWith(entry.word, start))
          visit(entry.value, start, i);
      }
    }
  }
}

const FILTER_WORDS = 2048; // 65,536 bits

export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

export function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
