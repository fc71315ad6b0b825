import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@vigie/database';
import { OutboxWriter } from '@vigie/messaging';
import { FieldError, fieldErrors } from '@vigie/platform';
import { normalizeOffer, NormalizedOffer } from './normalized-offer';
import { offerChangedEvent } from './offer-events';
import { OfferInputSchema } from './offer-input.schema';
import { OfferRepository } from './offer.repository';

export type AcceptedOutcome = 'created' | 'updated' | 'unchanged';

export interface AcceptedOffer {
  index: number;
  externalRef: string;
  offerId: string;
  version: number;
  outcome: AcceptedOutcome;
}

export interface RejectedOffer {
  index: number;
  externalRef: string | null;
  errors: FieldError[];
}

export interface PublishResult {
  accepted: AcceptedOffer[];
  rejected: RejectedOffer[];
}

/**
 * Validates each offer of a batch on its own, then stores every valid one and its event in one
 * transaction. A bad item rejects only itself; the valid ones are all stored, or none is.
 */
@Injectable()
export class PublishOffersUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly offers: OfferRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(recruiterId: string, items: readonly unknown[]): Promise<PublishResult> {
    const rejected: RejectedOffer[] = [];
    const valid: Array<{ index: number; offer: NormalizedOffer }> = [];
    const firstIndexOf = new Map<string, number>();

    items.forEach((item, index) => {
      const parsed = OfferInputSchema.safeParse(item);
      if (!parsed.success) {
        rejected.push({
          index,
          externalRef: externalRefOf(item),
          errors: fieldErrors(parsed.error, `offers[${index}]`),
        });
        return;
      }
      const first = firstIndexOf.get(parsed.data.externalRef);
      if (first !== undefined) {
        rejected.push({
          index,
          externalRef: parsed.data.externalRef,
          errors: [
            { field: `offers[${index}].externalRef`, reason: `duplicates offers[${first}] in this batch` },
          ],
        });
        return;
      }
      firstIndexOf.set(parsed.data.externalRef, index);
      valid.push({ index, offer: normalizeOffer(parsed.data) });
    });

    if (valid.length === 0) return { accepted: [], rejected };

    // A stable lock order (by reference) keeps two overlapping batches from deadlocking.
    const ordered = [...valid].sort((a, b) => (a.offer.externalRef < b.offer.externalRef ? -1 : 1));
    const result = await this.unitOfWork.run(async (tx) => {
      const stored = await this.offers.upsertMany(
        tx,
        recruiterId,
        ordered.map((v) => v.offer),
      );
      await this.outbox.append(
        tx.manager,
        stored.changed.map((c) => offerChangedEvent(recruiterId, c)),
      );
      return stored;
    });

    const byRef = new Map<string, Omit<AcceptedOffer, 'index'>>();
    for (const c of result.changed) {
      byRef.set(c.externalRef, {
        externalRef: c.externalRef,
        offerId: c.offerId,
        version: c.version,
        outcome: c.created ? 'created' : 'updated',
      });
    }
    for (const u of result.unchanged) byRef.set(u.externalRef, { ...u, outcome: 'unchanged' });
    const accepted = valid.map(({ index, offer }) => ({ index, ...byRef.get(offer.externalRef)! }));
    return { accepted, rejected: rejected.sort((a, b) => a.index - b.index) };
  }
}

function externalRefOf(item: unknown): string | null {
  const ref = (item as { externalRef?: unknown } | null)?.externalRef;
  return typeof ref === 'string' ? ref.slice(0, 200) : null;
}
