import { Injectable } from '@nestjs/common';
import { OfferChangedV2, offerIndexedV2 } from '@vigie/contracts';
import {
  BatchOutcome,
  buildEvent,
  ConsumedEvent,
  EventPublisher,
  sleep,
  backoffDelay,
  TransientError,
} from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { IndexStateRepository } from './index-state.repository';
import { IndexOperation, IndexOutcome, OfferIndex } from './offer-index.port';

const ITEM_RETRIES = 4;

type Change = ConsumedEvent<OfferChangedV2>;

/**
 * Applies a batch of offer changes to the search index with one bulk request, then announces the
 * versions that are searchable. Versions are external: a replay or an out-of-order older version
 * is refused by the engine (409) and counts as done.
 */
@Injectable()
export class IndexOffersUseCase {
  constructor(
    private readonly index: OfferIndex,
    private readonly state: IndexStateRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(events: readonly Change[]): Promise<BatchOutcome> {
    const latest = latestPerOffer(events);
    const now = new Date().toISOString();
    const operations = latest.map((e) => toOperation(e.value, now));
    const outcomes = await this.writeWithRetries(operations);

    const rejected: Array<BatchOutcome['rejected'][number]> = [];
    const done: Change[] = [];
    outcomes.forEach((outcome, i) => {
      const event = latest[i]!;
      if (outcome.status === 'rejected')
        rejected.push({ event, code: 'INDEX_REJECTED', reason: outcome.reason });
      else done.push(event);
    });

    await this.state.record(
      done.map((e) => ({ offerId: e.value.offerId, version: e.value.version, status: e.value.status })),
    );
    await this.publisher.publish(
      done.map((e) =>
        buildEvent(
          offerIndexedV2,
          {
            offerId: e.value.offerId,
            recruiterId: e.value.recruiterId,
            version: e.value.version,
            status: e.value.status,
            indexedAt: now,
            offer: e.value.offer,
          },
          { producer: `vigie/${SERVICE_NAME}`, correlationId: e.envelope.correlationId },
        ),
      ),
    );
    return { rejected };
  }

  /** Re-sends only the items the engine asked to retry (429/5xx); the batch never regresses a version. */
  private async writeWithRetries(operations: IndexOperation[]): Promise<IndexOutcome[]> {
    const outcomes = await this.index.write(operations);
    for (let attempt = 1; ; attempt++) {
      const pending = outcomes.map((o, i) => (o.status === 'retry' ? i : -1)).filter((i) => i >= 0);
      if (pending.length === 0) return outcomes;
      if (attempt > ITEM_RETRIES) {
        throw new TransientError(
          `search engine kept refusing ${pending.length} item(s): ${(outcomes[pending[0]!] as { reason: string }).reason}`,
        );
      }
      await sleep(backoffDelay(attempt));
      const retried = await this.index.write(pending.map((i) => operations[i]!));
      pending.forEach((index, j) => (outcomes[index] = retried[j]!));
    }
  }
}

/** Within one batch only the newest version of an offer matters; older ones would get a 409 anyway. */
function latestPerOffer(events: readonly Change[]): Change[] {
  const byOffer = new Map<string, Change>();
  for (const e of events) {
    const current = byOffer.get(e.value.offerId);
    if (!current || current.value.version < e.value.version) byOffer.set(e.value.offerId, e);
  }
  return [...byOffer.values()];
}

function toOperation(change: OfferChangedV2, indexedAt: string): IndexOperation {
  // An expired offer leaves search like a deleted one; the version still guards against reordering.
  if (change.status !== 'active' || change.offer === null) {
    return { kind: 'delete', offerId: change.offerId, version: change.version };
  }
  return {
    kind: 'upsert',
    offerId: change.offerId,
    version: change.version,
    document: {
      ...change.offer,
      offerId: change.offerId,
      recruiterId: change.recruiterId,
      version: change.version,
      indexedAt,
    },
  };
}
