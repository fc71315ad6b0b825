import { Injectable } from '@nestjs/common';
import type { Offer } from '@vigie/contracts';
import type { Transaction } from '@vigie/database';
import { ClusterIndex } from './clustering/cluster-index.port';
import { DuplicateClusterer } from './clustering/duplicate-clusterer';
import { Finding, ScreeningDecision } from './screening/finding';
import { memberKey, moderationOf, QualityCandidate, screenBatch, ScreenedBatch } from './screen-batch';

export { memberKey, moderationOf, placeKey } from './screen-batch';
export type { QualityCandidate, ScreenedBatch } from './screen-batch';

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
    return this.cluster(tx, this.screen(candidates));
  }

  /** The part that needs no database: screening, and the fingerprints clustering compares. */
  screen(candidates: readonly QualityCandidate[]): ScreenedBatch {
    return screenBatch(candidates);
  }

  /** Gives the screened batch its clusters, against the index (in the batch's transaction). */
  async cluster(tx: Transaction | null, batch: ScreenedBatch): Promise<QualityAssessment[]> {
    const assigned = await this.clusterer.assignPrinted(tx, batch.printed);
    const clusterOf = new Map(assigned.map((a) => [a.offerId, a.clusterId]));
    return batch.candidates.map((c, i) => {
      const { decision, findings } = batch.screened[i]!;
      return {
        decision,
        findings,
        clusterId: clusterOf.get(memberKey(c.recruiterId, c.externalRef)) ?? null,
        moderation: moderationOf(batch.screened[i]!),
      };
    });
  }
}
