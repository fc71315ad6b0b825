import { createHash } from 'node:crypto';
import { OfferSnapshot } from '@vigie/contracts';
import { OfferInput } from './offer-input.schema';

/** The part of an offer that defines a version: any change to it is a new version and a new event. */
export type OfferContent = Omit<OfferSnapshot, 'publishedAt'>;

export interface NormalizedOffer {
  externalRef: string;
  content: OfferContent;
  /** Only when the recruiter states it; otherwise the platform stamps the first publication (L5332-1). */
  publishedAt: string | null;
  contentHash: string;
}

export function normalizeOffer(input: OfferInput): NormalizedOffer {
  const location = input.location;
  const content: OfferContent = {
    title: input.title,
    description: input.description,
    companyName: input.companyName ?? null,
    contractType: input.contractType,
    remote: input.remote,
    location: location
      ? {
          city: location.city,
          postalCode: location.postalCode ?? null,
          communeCode: location.communeCode ?? null,
          geo:
            location.latitude !== undefined && location.longitude !== undefined
              ? { latitude: location.latitude, longitude: location.longitude }
              : null,
        }
      : null,
    salary: input.salary
      ? {
          min: input.salary.min ?? null,
          max: input.salary.max ?? null,
          currency: 'EUR',
          period: input.salary.period,
        }
      : null,
    applyUrl: input.applyUrl ?? null,
    validThrough: input.validThrough ? new Date(input.validThrough).toISOString() : null,
  };
  const publishedAt = input.publishedAt ? new Date(input.publishedAt).toISOString() : null;
  // Key order is fixed by construction above, so equal offers hash equally.
  const contentHash = createHash('sha256')
    .update(JSON.stringify([content, publishedAt]))
    .digest('hex');
  return { externalRef: input.externalRef, content, publishedAt, contentHash };
}
