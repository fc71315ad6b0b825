import { SEARCH_SORTS, type SearchSort } from '@vigie/offer-index';
import type { SortValue } from './offer-search-index.port';

/**
 * The opaque `after` cursor: where the previous page stopped (its sort values), for which sort, and
 * how deep the client already is (for the depth cap). Not signed: forging one only moves a client
 * within results it may see anyway; it is validated so a bad one is a 400, never an engine error.
 */
export interface SearchCursor {
  readonly sort: SearchSort;
  readonly depth: number;
  readonly after: readonly SortValue[];
}

const SORT_LENGTH: Readonly<Record<SearchSort, number>> = { relevance: 3, date: 2, distance: 3 };

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([1, cursor.sort, cursor.depth, cursor.after]), 'utf8').toString(
    'base64url',
  );
}

/** The cursor, or a reason it is not one. */
export function decodeCursor(text: string): SearchCursor | string {
  if (text.length > 1_000 || !/^[A-Za-z0-9_-]+$/.test(text)) return 'is not a search cursor';
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return 'is not a search cursor';
  }
  if (!Array.isArray(value) || value.length !== 4 || value[0] !== 1) return 'is not a search cursor';
  const [, sort, depth, after] = value as [unknown, unknown, unknown, unknown];
  if (typeof sort !== 'string' || !(SEARCH_SORTS as readonly string[]).includes(sort)) {
    return 'is not a search cursor';
  }
  const kind = sort as SearchSort;
  const valid =
    typeof depth === 'number' &&
    Number.isInteger(depth) &&
    depth >= 0 &&
    Array.isArray(after) &&
    after.length === SORT_LENGTH[kind] &&
    after.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  if (!valid) return 'is not a search cursor';
  return { sort: kind, depth, after: after as SortValue[] };
}
