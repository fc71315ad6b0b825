import type { CvProfileChangedV1 } from '@vigie/contracts';
import { Clock } from '@vigie/kernel';
import { backoffDelay, BatchOutcome, type ConsumedEvent, sleep, TransientError } from '@vigie/messaging';
import { CvIndex, CvIndexOperation, CvIndexOutcome } from './cv-index.port';

const ITEM_RETRIES = 4;

/**
 * Keeps the `cvs` index in step with cvs.profile.changed.v1: per CV, the newest version of the
 * batch wins; a tombstone (null value: the candidate erased everything) deletes the document.
 * Idempotent by external versioning: a replay is `stale`, which counts as done.
 */
export class IndexCvsUseCase {
  constructor(
    private readonly index: CvIndex,
    private readonly clock: Clock,
  ) {}

  async execute(events: readonly ConsumedEvent<CvProfileChangedV1 | null>[]): Promise<BatchOutcome> {
    const latest = new Map<string, { op: CvIndexOperation; event: ConsumedEvent<unknown> }>();
    const indexedAt = this.clock.now().toISOString();
    for (const event of events) {
      const op = operationOf(event, indexedAt);
      if (!op) continue;
      const held = latest.get(op.cvId);
      if (!held || supersedes(op, held.op)) latest.set(op.cvId, { op, event });
    }
    const entries = [...latest.values()];
    const outcomes = await this.writeWithRetries(entries.map((e) => e.op));
    const rejected: Array<BatchOutcome['rejected'][number]> = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'rejected') {
        rejected.push({ event: entries[i]!.event, code: 'INDEX_REJECTED', reason: outcome.reason });
      }
    });
    return { rejected };
  }

  /** Re-sends only the items the engine asked to retry (429/5xx). */
  private async writeWithRetries(ops: readonly CvIndexOperation[]): Promise<CvIndexOutcome[]> {
    const outcomes = await this.index.write(ops);
    for (let attempt = 1; ; attempt++) {
      const pending = outcomes.map((o, i) => (o.status === 'retry' ? i : -1)).filter((i) => i >= 0);
      if (pending.length === 0) return outcomes;
      if (attempt > ITEM_RETRIES) {
        throw new TransientError(`cvs index kept refusing ${pending.length} item(s) (429/5xx)`);
      }
      await sleep(backoffDelay(attempt));
      const again = await this.index.write(pending.map((i) => ops[i]!));
      pending.forEach((i, j) => (outcomes[i] = again[j]!));
    }
  }
}

function operationOf(
  event: ConsumedEvent<CvProfileChangedV1 | null>,
  indexedAt: string,
): CvIndexOperation | undefined {
  const value = event.value;
  if (value === null) return event.key ? { kind: 'erase', cvId: event.key } : undefined;
  if (value.status === 'searchable' && value.profile) {
    return { kind: 'upsert', cvId: value.cvId, version: value.version, profile: value.profile, indexedAt };
  }
  return { kind: 'gone', cvId: value.cvId, version: value.version, indexedAt };
}

/** An erasure is final; otherwise the higher version wins (a later event of one version too). */
function supersedes(next: CvIndexOperation, held: CvIndexOperation): boolean {
  if (held.kind === 'erase') return false;
  if (next.kind === 'erase') return true;
  return next.version >= held.version;
}
