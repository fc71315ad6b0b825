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

export function normalizeOffer(input: OfferInput): NormalizedOffer {
  const content = canonicalOfferContent(input);
  const publishedAt = input.publishedAt ? new Date(input.publishedAt).toISOString() : null;
  return {
    externalRef: input.externalRef,
    content,
    publishedAt,
    contentHash: offerContentHash(content, publishedAt),
    findings: [],
  };
}

/** The offer with its cluster and moderation outcome: part of its content, so a change is a new version. */
export function withQuality(offer: NormalizedOffer, quality: QualityAssessment): NormalizedOffer {
  const content = { ...offer.content, clusterId: quality.clusterId, moderation: quality.moderation };
  return {
    ...offer,
    content,
    contentHash: offerContentHash(content, offer.publishedAt),
    findings: quality.findings,
  };
}
