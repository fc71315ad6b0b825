import { fieldErrors } from '@vigie/kernel';
import { screenBatch, ScreenedBatch } from '../quality/screen-batch';
import { DraftOffer, draftOffer, PreparedOffer, screenedOffer } from './normalized-offer';
import { OfferInputSchema } from './offer-input.schema';
import type { RejectedOffer } from './publish-offers.usecase';

/**
 * A batch validated, screened, fingerprinted and serialised for hashing: everything that needs no
 * database. Plain data only (strings, arrays, typed arrays), so a worker thread can prepare it and
 * hand it over in one structured clone.
 */
export interface PreparedBatch {
  readonly recruiterId: string;
  readonly rejected: readonly RejectedOffer[];
  /** The valid items, sorted by reference (the lock order), with their screening and hash parts. */
  readonly ordered: ReadonlyArray<{ index: number; offer: PreparedOffer }>;
  readonly screened: ScreenedBatch | null;
}

/** Offers screened between two awaits: small enough not to delay the commit running beside. */
const PREPARE_SLICE = 50;

/**
 * Validation, in-batch duplicates, canonical offers, screening and fingerprints. With `yieldEvery`
 * it yields to the event loop every few offers, so a transaction of another batch running on the
 * same thread is not held up; a worker thread, alone on its loop, runs it straight through.
 */
export async function prepareBatch(
  recruiterId: string,
  items: readonly unknown[],
  yieldEvery: boolean,
): Promise<PreparedBatch> {
  const pause = yieldEvery ? yieldToEventLoop : () => Promise.resolve();
  const rejected: RejectedOffer[] = [];
  const valid: Array<{ index: number; offer: DraftOffer }> = [];
  const firstIndexOf = new Map<string, number>();
  for (let index = 0; index < items.length; index++) {
    if (index > 0 && index % PREPARE_SLICE === 0) await pause();
    const item = items[index];
    const parsed = OfferInputSchema.safeParse(item);
    if (!parsed.success) {
      rejected.push({
        index,
        externalRef: externalRefOf(item),
        code: 'INVALID',
        errors: fieldErrors(parsed.error, `offers[${index}]`),
      });
      continue;
    }
    const first = firstIndexOf.get(parsed.data.externalRef);
    if (first !== undefined) {
      rejected.push({
        index,
        externalRef: parsed.data.externalRef,
        code: 'INVALID',
        errors: [
          { field: `offers[${index}].externalRef`, reason: `duplicates offers[${first}] in this batch` },
        ],
      });
      continue;
    }
    firstIndexOf.set(parsed.data.externalRef, index);
    valid.push({ index, offer: draftOffer(parsed.data) });
  }
  // A stable lock order (by reference) keeps two overlapping batches from deadlocking.
  const sorted = [...valid].sort((a, b) => (a.offer.externalRef < b.offer.externalRef ? -1 : 1));
  const screened: ScreenedBatch[] = [];
  for (let from = 0; from < sorted.length; from += PREPARE_SLICE) {
    if (from > 0) await pause();
    screened.push(
      screenBatch(
        sorted
          .slice(from, from + PREPARE_SLICE)
          .map((v) => ({ recruiterId, externalRef: v.offer.externalRef, offer: v.offer.content })),
      ),
    );
  }
  if (sorted.length === 0) return { recruiterId, rejected, ordered: [], screened: null };
  const batch = concatScreened(screened);
  const ordered = sorted.map((v, i) => ({
    index: v.index,
    offer: screenedOffer(v.offer, batch.screened[i]!),
  }));
  // Clustering reads only the candidates' keys: pointing them at the prepared contents (not the
  // drafts) lets a structured clone send each offer's texts once, not twice.
  const candidates = ordered.map((v) => ({
    recruiterId,
    externalRef: v.offer.externalRef,
    offer: v.offer.content,
  }));
  return { recruiterId, rejected, ordered, screened: { ...batch, candidates } };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function concatScreened(parts: readonly ScreenedBatch[]): ScreenedBatch {
  return {
    candidates: parts.flatMap((p) => p.candidates),
    screened: parts.flatMap((p) => p.screened),
    printed: parts.flatMap((p) => p.printed),
  };
}

function externalRefOf(item: unknown): string | null {
  const ref = (item as { externalRef?: unknown } | null)?.externalRef;
  return typeof ref === 'string' ? ref.slice(0, 200) : null;
}
