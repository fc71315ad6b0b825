/**
 * JSON.parse for untrusted records (bad-input rows J1, J2): nesting checked before parsing (so a
 * 10⁵-deep array costs one scan, not a parse), integers beyond 2⁵³ kept as strings (they are ids:
 * a number would lose digits), and `__proto__`, `constructor` and `prototype` keys dropped so no
 * later merge or spread can reach an object's prototype.
 */
export type SafeJsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function safeJsonParse(text: string, maxDepth: number): SafeJsonResult {
  const scanned = scan(text, maxDepth);
  if (!scanned.ok) return scanned;
  try {
    return { ok: true, value: JSON.parse(scanned.text, dropForbiddenKeys) as unknown };
  } catch {
    // V8's message differs between Node versions; the item's position already locates the record.
    return { ok: false, reason: 'not valid JSON' };
  }
}

function dropForbiddenKeys(key: string, value: unknown): unknown {
  return FORBIDDEN_KEYS.has(key) ? undefined : value;
}

/** Largest integer literal JSON.parse reads exactly: 2⁵³ − 1 has 16 digits, so 16+ digits are checked. */
const SAFE_DIGITS = 15;

/**
 * One pass outside strings: depth of `{`/`[`, and integer literals of more than 15 digits that are
 * not safe integers, quoted so they parse as strings. Returns the text unchanged when nothing is quoted.
 */
function scan(text: string, maxDepth: number): { ok: true; text: string } | { ok: false; reason: string } {
  let depth = 0;
  let out: string[] | undefined;
  let copiedTo = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i += 1;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i += 2;
        else if (s === 0x22) break;
        else i += 1;
      }
      i += 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return { ok: false, reason: `nested deeper than ${maxDepth} levels` };
      i += 1;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      i += 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i += 1;
      while (i < n && isNumberChar(text.charCodeAt(i))) i += 1;
      const literal = text.slice(start, i);
      if (
        /^-?\d+$/.test(literal) &&
        literal.replace('-', '').length > SAFE_DIGITS &&
        !Number.isSafeInteger(Number(literal))
      ) {
        out ??= [];
        out.push(text.slice(copiedTo, start), `"${literal}"`);
        copiedTo = i;
      }
    } else {
      i += 1;
    }
  }
  if (out === undefined) return { ok: true, text };
  out.push(text.slice(copiedTo));
  return { ok: true, text: out.join('') };
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}
