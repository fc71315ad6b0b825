import { Injectable } from '@nestjs/common';
import { Transaction, UnitOfWork } from '@vigie/database';
import { OutboxWriter } from '@vigie/messaging';
import { FieldError } from '@vigie/platform';
import type { Offer } from '@vigie/contracts';
import { OfferQualityService } from '../quality/offer-quality.service';
import type { Finding } from '../quality/screening/finding';
import { clustered, NormalizedOffer } from './normalized-offer';
import { offerChangedEvent } from './offer-events';
import { PreparedBatch, prepareBatch } from './prepare-batch';
import { OfferRepository, UpsertResult } from './offer.repository';

export type AcceptedOutcome = 'created' | 'updated' | 'unchanged';

export interface AcceptedOffer {
  index: number;
  externalRef: string;
  offerId: string;
  version: number;
  outcome: AcceptedOutcome;
  /** Copies of one job share it (duplicate detection). */
  clusterId: string | null;
  moderation: Offer['moderation'];
  /** What screening flagged: published, and shown to the recruiter for rewording. */
  findings: readonly Finding[];
}

export interface RejectedOffer {
  index: number;
  externalRef: string | null;
  /** BLOCKED_BY_SCREENING: the wording breaks French law (findings say where and why); not stored. */
  code: 'INVALID' | 'BLOCKED_BY_SCREENING';
  errors: FieldError[];
  findings?: readonly Finding[];
}

export interface PublishResult {
  accepted: AcceptedOffer[];
  rejected: RejectedOffer[];
}

export type { PreparedBatch } from './prepare-batch';

export interface PublishOptions {
  withinTransaction?: (tx: Transaction, result: PublishResult) => Promise<void>;
}

/**
 * Validates each offer of a batch on its own, screens and clusters the valid ones, then stores
 * every publishable one and its event in one transaction. A bad or blocked item rejects only
 * itself; the others are all stored, or none is. Blocked offers never reach the outbox.
 */
@Injectable()
export class PublishOffersUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly outbox: OutboxWriter,
    private readonly quality: OfferQualityService,
  ) {}

  /**
   * `withinTransaction` runs in the batch's transaction once the outcome is known (an import job
   * records its report rows and checkpoint there, so they commit with the offers or not at all);
   * when given, the transaction runs even if no item is valid.
   */
  async execute(
    recruiterId: string,
    items: readonly unknown[],
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    return this.store(await this.prepare(recruiterId, items), options);
  }

  /** Validation, in-batch duplicates, canonical offers, screening and fingerprints, on this thread. */
  prepare(recruiterId: string, items: readonly unknown[]): Promise<PreparedBatch> {
    return prepareBatch(recruiterId, items, true);
  }

  /** Clusters the prepared batch and stores it with its events, in one transaction. */
  async store(prepared: PreparedBatch, options: PublishOptions = {}): Promise<PublishResult> {
    const { recruiterId, ordered } = prepared;
    if (ordered.length === 0 && !options.withinTransaction)
      return { accepted: [], rejected: [...prepared.rejected].sort((a, b) => a.index - b.index) };
    return this.unitOfWork.run(async (tx) => {
      const assessed = prepared.screened === null ? [] : await this.quality.cluster(tx, prepared.screened);
      // Kept local: the unit of work may run this again after a serialization failure.
      const publishable: Array<{ index: number; offer: NormalizedOffer }> = [];
      const blocked: RejectedOffer[] = [];
      ordered.forEach((v, i) => {
        const quality = assessed[i]!;
        if (quality.decision === 'blocked')
          blocked.push(blockedItem(v.index, v.offer.externalRef, quality.findings));
        else publishable.push({ index: v.index, offer: clustered(v.offer, quality.clusterId) });
      });
      let stored: UpsertResult = { changed: [], unchanged: [] };
      if (publishable.length > 0) {
        stored = await this.offers.upsertMany(
          tx,
          recruiterId,
          publishable.map((v) => v.offer),
        );
        await this.outbox.append(
          tx.manager,
          stored.changed.map((c) => offerChangedEvent(recruiterId, c)),
        );
      }
      const result = {
        accepted: acceptedOffers(publishable, stored),
        rejected: [...prepared.rejected, ...blocked].sort((a, b) => a.index - b.index),
      };
      await options.withinTransaction?.(tx, result);
      return result;
    });
  }
}

function acceptedOffers(
  publishable: Array<{ index: number; offer: NormalizedOffer }>,
  stored: UpsertResult,
): AcceptedOffer[] {
  const byRef = new Map<string, { offerId: string; version: number; outcome: AcceptedOutcome }>();
  for (const c of stored.changed) {
    byRef.set(c.externalRef, {
      offerId: c.offerId,
      version: c.version,
      outcome: c.created ? 'created' : 'updated',
    });
  }
  for (const u of stored.unchanged) byRef.set(u.externalRef, { ...u, outcome: 'unchanged' });
  return [...publishable]
    .sort((a, b) => a.index - b.index)
    .map(({ index, offer }) => ({
      index,
      externalRef: offer.externalRef,
      ...byRef.get(offer.externalRef)!,
      clusterId: offer.content.clusterId,
      moderation: offer.content.moderation,
      findings: offer.findings,
    }));
}

function blockedItem(index: number, externalRef: string, findings: readonly Finding[]): RejectedOffer {
  return {
    index,
    externalRef,
    code: 'BLOCKED_BY_SCREENING',
    errors: findings
      .filter((f) => f.severity === 'block')
      .map((f) => ({
        field: `offers[${index}].${f.span?.field ?? 'description'}`,
        reason: `${f.ruleId} ${f.reason}${f.span ? `: « ${f.span.text} »` : ''} (${f.legalBasis.join(', ')})`,
      })),
    findings,
  };
}
