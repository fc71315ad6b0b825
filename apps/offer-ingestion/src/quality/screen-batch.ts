import { createHash } from 'node:crypto';
import type { Offer } from '@vigie/contracts';
import type { PrintedOffer } from './clustering/duplicate-clusterer';
import { fingerprintOf } from './clustering/offer-fingerprint';
import { foldText } from './screening/fold-text';
import { ruleIdsOf, ScreeningResult } from './screening/finding';
import { screenOffer } from './screening/offer-screener';

/** What quality reads of an offer: the canonical content, and who publishes it under which reference. */
export interface QualityCandidate {
  recruiterId: string;
  externalRef: string;
  offer: Pick<Offer, 'title' | 'description' | 'companyName' | 'contract' | 'place'>;
}

/**
 * A batch screened and fingerprinted, not clustered yet: pure CPU work, done before the batch's
 * transaction (an import prepares the next batch while the previous one commits).
 */
export interface ScreenedBatch {
  readonly candidates: readonly QualityCandidate[];
  readonly screened: readonly ScreeningResult[];
  /** The publishable candidates' fingerprints (blocked ones join no cluster). */
  readonly printed: readonly PrintedOffer[];
}

/**
 * The part of quality that needs no database: screening, and the fingerprints clustering compares.
 * Kept apart from the service (no Nest, no database) so the preparing worker thread loads only this.
 */
export function screenBatch(candidates: readonly QualityCandidate[]): ScreenedBatch {
  const screened = candidates.map((c) =>
    screenOffer({
      title: c.offer.title,
      description: c.offer.description,
      companyName: c.offer.companyName,
      contractType: c.offer.contract.type,
    }),
  );
  const printed: PrintedOffer[] = [];
  candidates.forEach((c, i) => {
    if (screened[i]!.decision === 'blocked') return;
    const offerId = memberKey(c.recruiterId, c.externalRef);
    printed.push({
      offerId,
      fingerprint: fingerprintOf({
        offerId,
        title: c.offer.title,
        description: c.offer.description,
        companyName: c.offer.companyName,
        placeKey: placeKey(c.offer.place),
      }),
    });
  });
  return { candidates, screened, printed };
}

/** What the offer says of its screening: flagged offers are published, and reviewed. */
export function moderationOf(screening: ScreeningResult): Offer['moderation'] {
  return {
    status: screening.decision === 'flagged' ? 'flagged' : 'clean',
    ruleIds: ruleIdsOf(screening.findings),
  };
}

/**
 * An offer's identity before it is stored (its id is minted by the database), opaque and stable:
 * the first member's key becomes its cluster's id.
 */
export function memberKey(recruiterId: string, externalRef: string): string {
  return createHash('sha256').update(`${recruiterId}\u0000${externalRef}`).digest('hex').slice(0, 32);
}

/** The commune when known, else the postal code or department with the place's label. */
export function placeKey(place: Offer['place']): string | null {
  if (place === null) return null;
  if (place.commune !== null) return place.commune.code;
  return `${place.postalCode ?? place.departmentCode ?? ''}:${foldText(place.label).text}`;
}
