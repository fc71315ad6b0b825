import type {
  ContractType,
  MatchExplanationV2,
  RemoteMode,
  SearchCriteria,
  WorkingTime,
} from '@vigie/contracts';
import type { PreparedOffer } from './prepared-offer';

/**
 * Where an alert looks, resolved by the caller (the gazetteer is I/O-free but not the engine's
 * business): a commune becomes its centre and radius, a department or region stays a code. The
 * label is the place as the candidate chose it, shown in the explanation.
 */
export type EnginePlace =
  | {
      readonly kind: 'circle';
      readonly latitude: number;
      readonly longitude: number;
      readonly radiusKm: number;
      readonly label: string | null;
    }
  | { readonly kind: 'department'; readonly code: string; readonly label: string | null }
  | { readonly kind: 'region'; readonly code: string; readonly label: string | null };

/**
 * An alert as the engine holds it: its criteria (the search API's vocabulary and semantics) and,
 * when `criteria.where` is set, the resolved place of the same kind. Status, frequency and owner
 * stay with the caller: a paused alert is simply removed.
 */
export interface EngineAlert {
  readonly id: string;
  readonly criteria: SearchCriteria;
  readonly place?: EnginePlace;
}

/**
 * What the engine needs from an offer (offers.offer.indexed.v2 or a canonical offer, see
 * `matchableOffer`), flat so it can be built from any source. Salaries are gross EUR per year.
 */
export interface MatchableOffer {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly companyName: string | null;
  readonly contractType: ContractType | null;
  readonly workingTime: WorkingTime | null;
  readonly remote: RemoteMode | null;
  readonly salaryMinAnnual: number | null;
  readonly salaryMaxAnnual: number | null;
  readonly romeCode: string | null;
  readonly communeCode: string | null;
  readonly departmentCode: string | null;
  readonly regionCode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  /** Copies of one job share it; the caller matches one job once per alert. */
  readonly clusterId: string | null;
}

export interface EngineMatch {
  readonly alertId: string;
  readonly explanation: MatchExplanationV2;
}

/**
 * The alerts one offer fits, read by position. The explanation is built only when asked, for the
 * matches the caller keeps (most of an offer's cost was building it for every match). Valid until
 * the engine's next call: an engine reuses the buffers behind it.
 */
export interface EngineHits {
  readonly count: number;
  alertId(i: number): string;
  /** Why the i-th alert fits (the same explanation `match` returns). */
  explain(i: number): MatchExplanationV2;
}

/**
 * The matching engine: alerts in memory, each offer matched against all of them. Pure and
 * synchronous (no I/O, no clock), so every implementation can be checked against the reference
 * `ScanAlertEngine` and swapped without touching the wiring.
 */
export interface AlertEngine {
  /** Adds the alert or replaces the one with its id. Throws ENGINE_ALERT_INVALID on bad input. */
  upsert(alert: EngineAlert): void;
  /** Forgets the alert; unknown ids are ignored (removals are replayed at least once). */
  remove(alertId: string): void;
  /** Every alert the offer fits, explained on demand; order unspecified. */
  find(offer: MatchableOffer): EngineHits;
  /**
   * `find` for an offer already analysed by `prepareOffer`: one analysis serves every engine of a
   * process (the matcher's shards each hold one) instead of one per engine.
   */
  findPrepared(offer: PreparedOffer): EngineHits;
  /** Every alert the offer fits, each with why (`find` with every hit explained). */
  match(offer: MatchableOffer): EngineMatch[];
  /**
   * Lays the index out for reading after a bulk load (the start-up load), so that the first offer
   * does not pay for it. Answers never change.
   */
  settle(): void;
  readonly size: number;
}
