import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Offer } from '@vigie/contracts';
import type { Transaction } from '@vigie/database';
import { ClusterIndex } from './clustering/cluster-index.port';
import { DuplicateClusterer } from './clustering/duplicate-clusterer';
import { foldText } from './screening/fold-text';
import { Finding, ruleIdsOf, ScreeningDecision } from './screening/finding';
import { screenOffer } from './screening/offer-screener';

/** What quality reads of an offer: the canonical content, and who publishes it under which reference. */
export interface QualityCandidate {
  recruiterId: string;
  externalRef: string;
  offer: Pick<Offer, 'title' | 'description' | 'companyName' | 'contract' | 'place'>;
}

export interface QualityAssessment {
  decision: ScreeningDecision;
  findings: Finding[];
  /** Null for a blocked offer: it is not published, so it joins no cluster. */
  clusterId: string | null;
  moderation: Offer['moderation'];
}

/**
 * Screening and duplicate clustering for a batch of offers, for every path that publishes them
 * (the batch API, the feed imports). Blocked offers are screened only; the others get their cluster.
 */
@Injectable()
export class OfferQualityService {
  private readonly clusterer: DuplicateClusterer;

  constructor(clusters: ClusterIndex) {
    this.clusterer = new DuplicateClusterer(clusters);
  }

  async assess(
    tx: Transaction | null,
    candidates: readonly QualityCandidate[],
  ): Promise<QualityAssessment[]> {
    const screened = candidates.map((c) =>
      screenOffer({
        title: c.offer.title,
        description: c.offer.description,
        companyName: c.offer.companyName,
        contractType: c.offer.contract.type,
      }),
    );
    const publishable = candidates.filter((_, i) => screened[i]!.decision !== 'blocked');
    const assigned = await this.clusterer.assign(
      tx,
      publishable.map((c) => ({
        offerId: memberKey(c.recruiterId, c.externalRef),
        title: c.offer.title,
        description: c.offer.description,
        companyName: c.offer.companyName,
        placeKey: placeKey(c.offer.place),
      })),
    );
    const clusterOf = new Map(assigned.map((a) => [a.offerId, a.clusterId]));
    return candidates.map((c, i) => {
      const { decision, findings } = screened[i]!;
      return {
        decision,
        findings,
        clusterId: clusterOf.get(memberKey(c.recruiterId, c.externalRef)) ?? null,
        moderation: { status: decision === 'flagged' ? 'flagged' : 'clean', ruleIds: ruleIdsOf(findings) },
      };
    });
  }
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
