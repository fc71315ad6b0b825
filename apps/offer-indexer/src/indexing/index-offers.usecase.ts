import { Injectable } from '@nestjs/common';
import { OfferChangedV2, offerIndexedV2, offerIndexedV2OfParsedSnapshot } from '@vigie/contracts';
import { buildParsedEvent, EventPublisher, sleep, backoffDelay, TransientError } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { IndexStateRepository } from './index-state.repository';
import { IndexOperation, IndexOutcome, OfferIndex } from './offer-index.port';

const ITEM_RETRIES = 4;

/** What indexing needs of a change: the change and its correlation id (a consumed event, or a repair). */
export interface OfferChange {
  readonly value: OfferChangedV2;
  readonly envelope: { readonly correlationId: string };
}

export interface IndexingOutcome<E extends OfferChange> {
  /** Changes the index refused for good (mapping errors): dead letters for a consumer. */
  readonly rejected: Array<{ event: E; code: 'INDEX_REJECTED'; reason: string }>;
}

/**
 * Applies a batch of offer changes to the search index with one bulk request, then announces the
 * versions the index really holds. Versions are external: a replay or an out-of-order older version
 * is refused by the engine (409), counts as done and is not announced (see stillHeld).
 */
@Injectable()
export class IndexOffersUseCase {
  constructor(
    private readonly index: OfferIndex,
    private readonly state: IndexStateRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async execute<Change extends OfferChange>(events: readonly Change[]): Promise<IndexingOutcome<Change>> {
    const latest = latestPerOffer(events);
    const now = new Date().toISOString();
    const operations = latest.map((e) => toOperation(e.value, now));
    const outcomes = await this.writeWithRetries(operations);

    const rejected: IndexingOutcome<Change>['rejected'] = [];
    const applied: Change[] = [];
    const stale: Change[] = [];
    outcomes.forEach((outcome, i) => {
      const event = latest[i]!;
      if (outcome.status === 'rejected')
        rejected.push({ event, code: 'INDEX_REJECTED', reason: outcome.reason });
      else if (outcome.status === 'stale') stale.push(event);
      else applied.push(event);
    });
    const announced = [
      ...applied.map((event) => ({ event, indexedAt: now })),
      ...(await this.stillHeld(stale)),
    ];

    await this.state.record(
      announced.map(({ event: e }) => ({
        offerId: e.value.offerId,
        version: e.value.version,
        status: e.value.status,
      })),
    );
    await this.publisher.publish(
      announced.map(({ event: e, indexedAt }) =>
        // The snapshot was parsed with the change (consumed event or Postgres read): not again.
        buildParsedEvent(
          offerIndexedV2,
          offerIndexedV2OfParsedSnapshot(
            {
              offerId: e.value.offerId,
              recruiterId: e.value.recruiterId,
              version: e.value.version,
              status: e.value.status,
              indexedAt,
            },
            e.value.offer,
          ),
          { producer: `vigie/${SERVICE_NAME}`, correlationId: e.envelope.correlationId },
        ),
      ),
    );
    return { rejected };
  }

  /**
   * A 409 means the index already holds this version or a newer one. A newer one (a replay after a
   * deletion or an update) is announced by its own event, so this one announces nothing. The very
   * same version is announced again, with the indexing time stored with it: its first announcement
   * may have been lost (crash or publish failure after the write), and with the original time the
   * matcher does not match it against alerts created since.
   */
  private async stillHeld<Change extends OfferChange>(
    stale: readonly Change[],
  ): Promise<Array<{ event: Change; indexedAt: string }>> {
    const upserts = stale.filter((e) => isUpsert(e.value));
    if (upserts.length === 0) return [];
    const held = await this.index.held(upserts.map((e) => e.value.offerId));
    return upserts.flatMap((event) => {
      const current = held.get(event.value.offerId);
      return current?.version === event.value.version ? [{ event, indexedAt: current.indexedAt }] : [];
    });
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
function latestPerOffer<Change extends OfferChange>(events: readonly Change[]): Change[] {
  const byOffer = new Map<string, Change>();
  for (const e of events) {
    const current = byOffer.get(e.value.offerId);
    if (!current || current.value.version < e.value.version) byOffer.set(e.value.offerId, e);
  }
  return [...byOffer.values()];
}

/** An expired offer leaves search like a deleted one; the version still guards against reordering. */
function isUpsert(change: OfferChangedV2): boolean {
  return change.status === 'active' && change.offer !== null;
}

/** The index operation of a change: the offer's document, or its versioned `gone` record. */
export function toOperation(change: OfferChangedV2, indexedAt: string): IndexOperation {
  if (change.status !== 'active' || change.offer === null) {
    return {
      kind: 'gone',
      offerId: change.offerId,
      version: change.version,
      document: {
        offerId: change.offerId,
        recruiterId: change.recruiterId,
        version: change.version,
        status: change.status,
        indexedAt,
      },
    };
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
