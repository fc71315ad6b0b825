import type { CvProfile } from '@vigie/contracts';

/**
 * One write to the CV index. `upsert` and `gone` carry the profile's version (external
 * versioning: an older version never overwrites a newer one); `gone` keeps a hidden or deleted CV
 * as its bare id and version, so a late older update cannot bring it back. `erase` (a tombstone,
 * the candidate erased everything) removes the document itself.
 */
export type CvIndexOperation =
  | { kind: 'upsert'; cvId: string; version: number; profile: CvProfile; indexedAt: string }
  | { kind: 'gone'; cvId: string; version: number; indexedAt: string }
  | { kind: 'erase'; cvId: string };

/**
 * `applied`: written. `stale`: the index already holds this version or a newer one (done).
 * `retry`: the engine was overloaded or failing for this item. `rejected`: the engine refused the
 * document (mapping error): never retried, dead-lettered.
 */
export type CvIndexOutcome =
  | { status: 'applied' }
  | { status: 'stale' }
  | { status: 'retry'; reason: string }
  | { status: 'rejected'; reason: string };

/** Port: the `cvs` search index, written by the CV indexing use case. */
export abstract class CvIndex {
  abstract ensureIndex(): Promise<void>;
  /** One outcome per operation, in order. */
  abstract write(operations: readonly CvIndexOperation[]): Promise<CvIndexOutcome[]>;
}
