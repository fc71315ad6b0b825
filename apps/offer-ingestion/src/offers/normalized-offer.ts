import { canonicalOfferContent, OfferContent, offerContentHash } from './canonical-offer';
import type { Finding } from '../quality/screening/finding';
import type { QualityAssessment } from '../quality/offer-quality.service';
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

/** The canonical offer before screening and clustering, not hashed yet (withQuality hashes it once). */
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

/** The offer with its cluster and moderation outcome: part of its content, so a change is a new version. */
export function withQuality(offer: DraftOffer, quality: QualityAssessment): NormalizedOffer {
  const content = { ...offer.content, clusterId: quality.clusterId, moderation: quality.moderation };
  return {
    ...offer,
    content,
    contentHash: offerContentHash(content, offer.publishedAt),
    findings: quality.findings,
  };
}
