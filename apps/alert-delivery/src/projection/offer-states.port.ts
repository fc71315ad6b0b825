import type { OfferStatus } from '@vigie/contracts';

export interface OfferState {
  offerId: string;
  version: number;
  status: OfferStatus;
  clusterId: string | null;
}

/**
 * Port: each offer's latest status and duplicate cluster, for the send-time re-check (an offer
 * expired or withdrawn since its match is dropped). Older versions than the one held are ignored.
 */
export abstract class OfferStates {
  abstract apply(states: readonly OfferState[]): Promise<void>;
  abstract get(offerIds: readonly string[]): Promise<Map<string, OfferState>>;
}
