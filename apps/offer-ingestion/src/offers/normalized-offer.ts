import {
  canonicalOfferContent,
  OfferContent,
  offerContentHash,
  OfferHashParts,
  offerHashParts,
  offerHashWith,
} from './canonical-offer';
import type { Finding } from '../quality/screening/finding';
import { moderationOf } from '../quality/screen-batch';
import type { ScreeningResult } from '../quality/screening/finding';
import { OfferInput } from './offer-input.schema';

export interface NormalizedOffer {
  externalRef: string;
  content: OfferContent;
  /** Only when the recruiter states it; otherwise the platform stamps the first publication (L5332-1). */
  publishedAt: string | null;
  contentHash: string;
  /** Screening findings shown on the offer (none until assessed). */
  findings: readonly Finding[];
}

/** The canonical offer before screening and clustering, not hashed yet (hashed once, when its cluster is known). */
export type DraftOffer = Omit<NormalizedOffer, 'contentHash'>;

export function draftOffer(input: OfferInput): DraftOffer {
  return {
    externalRef: input.externalRef,
    content: canonicalOfferContent(input),
    publishedAt: input.publishedAt ? new Date(input.publishedAt).toISOString() : null,
    findings: [],
  };
}

export function normalizeOffer(input: OfferInput): NormalizedOffer {
  const draft = draftOffer(input);
  return { ...draft, contentHash: offerContentHash(draft.content, draft.publishedAt) };
}

/**
 * A draft with its screening outcome, serialised for hashing: only its cluster is still to come.
 * Plain data (no closure), so it crosses from the preparing worker thread in one structured clone.
 */
export interface PreparedOffer extends DraftOffer {
  hashParts: OfferHashParts;
}

/** The moderation part of the content is known once screened; the cluster once in the transaction. */
export function screenedOffer(offer: DraftOffer, screening: ScreeningResult): PreparedOffer {
  const content = { ...offer.content, clusterId: null, moderation: moderationOf(screening) };
  return {
    ...offer,
    content,
    findings: screening.findings,
    hashParts: offerHashParts(content, offer.publishedAt),
  };
}

/** The prepared offer in its cluster, hashed (the content hash covers the cluster and moderation). */
export function clustered(offer: PreparedOffer, clusterId: string | null): NormalizedOffer {
  return {
    externalRef: offer.externalRef,
    content: { ...offer.content, clusterId },
    publishedAt: offer.publishedAt,
    contentHash: offerHashWith(offer.hashParts, clusterId),
    findings: offer.findings,
  };
}
