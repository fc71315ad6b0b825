import { isDomainError } from '@vigie/kernel';
import type { PlaceDirectory } from '../alerts/place-directory.port';
import type { AlertChangedV1, AlertFrequency, MatchExplanationV2, SearchCriteria } from '@vigie/contracts';
import type { AlertEngine, EngineAlert, EnginePlace, PreparedOffer } from '../engine';
import { shardOf } from './shards';

/** What a match needs to know about its alert besides the explanation. */
export interface BookedAlert {
  readonly alertId: string;
  readonly candidateId: string;
  readonly email: string;
  readonly frequency: AlertFrequency;
  readonly createdAt: Date;
}

/**
 * The alerts of one shard an offer fits, read by position before the next match on the book (the
 * engine reuses its buffers). `alert` is undefined for an alert the book no longer holds; the
 * explanation is built on demand, for the matches the caller keeps.
 */
export interface BookHits {
  readonly count: number;
  alert(i: number): BookedAlert | undefined;
  explain(i: number): MatchExplanationV2;
}

const NO_HITS: BookHits = {
  count: 0,
  alert: () => undefined,
  explain: () => {
    throw new RangeError('no hit');
  },
};

export type BookOutcome = 'applied' | 'stale' | 'not-owned' | 'invalid';

/** The place of criteria as the engine wants it: a commune becomes its centre; codes stay codes. */
export function enginePlace(where: SearchCriteria['where'], places: PlaceDirectory): EnginePlace | undefined {
  if (where === null) return undefined;
  if (where.kind === 'commune') {
    const commune = places.commune(where.communeCode);
    // An unknown commune was refused at creation; one removed from a later gazetteer matches nothing.
    if (!commune) return undefined;
    return { kind: 'circle', ...commune.geo, radiusKm: where.radiusKm, label: commune.name };
  }
  const label =
    where.kind === 'department' ? places.department(where.code)?.name : places.region(where.code)?.name;
  return { kind: where.kind, code: where.code, label: label ?? null };
}

/**
 * The alerts of the shards this instance owns, one engine per shard (so each shard's offer
 * consumer matches only its own alerts). Fed from Postgres at start and from
 * alerts.alert.changed.v1 afterwards, in any order and more than once: the highest version wins,
 * and only active alerts are in an engine.
 */
export class AlertBook {
  private readonly engines = new Map<number, AlertEngine>();
  private readonly versions = new Map<string, number>();
  private readonly booked = new Map<string, BookedAlert>();

  constructor(
    readonly shards: number,
    readonly owned: readonly number[],
    newEngine: () => AlertEngine,
    private readonly places: PlaceDirectory,
  ) {
    for (const s of owned) this.engines.set(s, newEngine());
  }

  get size(): number {
    return this.booked.size;
  }

  has(alertId: string): boolean {
    return this.booked.has(alertId);
  }

  /** After a bulk load: each engine lays its index out for reading (AlertEngine.settle). */
  settle(): void {
    for (const engine of this.engines.values()) engine.settle();
  }

  versionOf(alertId: string): number | undefined {
    return this.versions.get(alertId);
  }

  apply(state: AlertChangedV1): BookOutcome {
    const engine = this.engines.get(shardOf(state.alertId, this.shards));
    if (!engine) return 'not-owned';
    if ((this.versions.get(state.alertId) ?? 0) >= state.version) return 'stale';
    this.versions.set(state.alertId, state.version);
    if (state.status !== 'active') {
      engine.remove(state.alertId);
      this.booked.delete(state.alertId);
      return 'applied';
    }
    const place = enginePlace(state.criteria.where, this.places);
    const alert: EngineAlert = { id: state.alertId, criteria: state.criteria, ...(place ? { place } : {}) };
    try {
      engine.upsert(alert);
    } catch (e) {
      if (!isDomainError(e, ['ENGINE_ALERT_INVALID'])) throw e;
      engine.remove(state.alertId);
      this.booked.delete(state.alertId);
      return 'invalid';
    }
    this.booked.set(state.alertId, {
      alertId: state.alertId,
      candidateId: state.candidateId,
      email: state.contact.email,
      frequency: state.frequency,
      createdAt: new Date(state.createdAt),
    });
    return 'applied';
  }

  /** A tombstone: the alert is gone for good (erased). */
  erase(alertId: string): void {
    this.engines.get(shardOf(alertId, this.shards))?.remove(alertId);
    this.booked.delete(alertId);
    // Keep no version: a tombstone is final, and an older record cannot follow it on the topic.
    this.versions.set(alertId, Number.MAX_SAFE_INTEGER);
  }

  /**
   * The active alerts of one shard the offer fits, each explained when asked. The offer comes
   * analysed (`prepareOffer`): the shards of an instance share one analysis.
   */
  match(shard: number, offer: PreparedOffer): BookHits {
    const engine = this.engines.get(shard);
    if (!engine) return NO_HITS;
    const hits = engine.findPrepared(offer);
    return {
      count: hits.count,
      alert: (i) => this.booked.get(hits.alertId(i)),
      explain: (i) => hits.explain(i),
    };
  }
}
