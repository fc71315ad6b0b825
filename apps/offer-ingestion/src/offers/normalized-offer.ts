import { canonicalOfferContent, OfferContent, offerContentHash } from './canonical-offer';
import { OfferInput } from './offer-input.schema';

export interface NormalizedOffer {
  externalRef: string;
  content: OfferContent;
  /** Only when the recruiter states it; otherwise the platform stamps the first publication (L5332-1). */
  publishedAt: string | null;
  contentHash: string;
}

export function normalizeOffer(input: OfferInput): NormalizedOffer {
  const content = canonicalOfferContent(input);
  const publishedAt = input.publishedAt ? new Date(input.publishedAt).toISOString() : null;
  return {
    externalRef: input.externalRef,
    content,
    publishedAt,
    contentHash: offerContentHash(content, publishedAt),
  };
}
