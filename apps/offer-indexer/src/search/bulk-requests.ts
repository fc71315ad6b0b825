import { OFFER_STATES, storedOfferSource } from '@vigie/offer-index';
import { GoneDocument, IndexOperation } from '../indexing/offer-index.port';

/** How one bulk write is cut into engine requests. */
export interface BulkLimits {
  /** Largest request body; OpenSearch advises 5–15 MB, and refuses past http.max_content_length. */
  maxBytes: number;
  /** Most operations in one request. */
  maxDocs: number;
}

/** One `_bulk` request: NDJSON lines for operations `first` … `first + count - 1` of the write. */
export interface BulkRequest {
  body: string;
  first: number;
  count: number;
}

/**
 * Cuts operations into requests of at most `maxDocs` operations and `maxBytes` bytes, in order, so
 * each item's outcome maps back to its operation. An operation larger than `maxBytes` on its own
 * travels alone: the engine, not this function, decides whether it is too large.
 */
export function bulkRequests(
  alias: string,
  operations: readonly IndexOperation[],
  limits: BulkLimits,
): BulkRequest[] {
  const requests: BulkRequest[] = [];
  let lines: string[] = [];
  let bytes = 0;
  let first = 0;
  operations.forEach((op, i) => {
    const line = offerBulkLines(alias, op);
    const size = Buffer.byteLength(line);
    if (lines.length > 0 && (lines.length >= limits.maxDocs || bytes + size > limits.maxBytes)) {
      requests.push({ body: lines.join(''), first, count: lines.length });
      lines = [];
      bytes = 0;
      first = i;
    }
    lines.push(line);
    bytes += size;
  });
  if (lines.length > 0) requests.push({ body: lines.join(''), first, count: lines.length });
  return requests;
}

/**
 * The action line and the source line of one operation. A gone offer is a versioned document, not
 * a delete: the engine forgets deletes' versions after `index.gc_deletes`.
 */
export function offerBulkLines(alias: string, op: IndexOperation): string {
  const action = { index: { _index: alias, _id: op.offerId, version: op.version, version_type: 'external' } };
  const source = op.kind === 'upsert' ? storedOfferSource(op.document) : goneSource(op.document);
  return `${JSON.stringify(action)}\n${JSON.stringify(source)}\n`;
}

function goneSource(document: GoneDocument): Record<string, unknown> {
  return { ...document, state: OFFER_STATES.gone };
}
