import type { PublishResult } from '../offers/publish-offers.usecase';
import type { FeedItem } from './formats/feed-format';
import type { ImportCounters, ImportOutcome, ImportReportRow } from './import-job';

export type SequencedRow = ImportReportRow & { seq: number };

const OUTCOME_OF = { created: 'added', updated: 'updated', unchanged: 'unchanged' } as const;

/** The batch use case names fields `offers[3].title`; the report names them as the feed item's own. */
function itemField(field: string): string {
  return field.replace(/^offers\[\d+\]\.?/, '') || 'offer';
}

/**
 * One report row per feed item of a batch, in feed order: `published` are the readable items
 * handed to the publish use case (its indexes point into this array), the others were unreadable.
 */
export function reportRows(
  items: readonly FeedItem[],
  published: readonly FeedItem[],
  result: PublishResult,
): SequencedRow[] {
  const rows = new Map<FeedItem, SequencedRow>();
  for (const a of result.accepted) {
    const item = published[a.index]!;
    rows.set(item, {
      seq: item.position,
      position: item.position,
      externalRef: a.externalRef,
      outcome: OUTCOME_OF[a.outcome],
      reasonCode: null,
      fieldErrors: null,
      offerId: a.offerId,
      // A flagged offer is published, and reported with what to reword.
      findings: a.findings.length > 0 ? [...a.findings] : null,
    });
  }
  for (const r of result.rejected) {
    const item = published[r.index]!;
    rows.set(item, {
      seq: item.position,
      position: item.position,
      externalRef: r.externalRef ?? item.externalRef ?? null,
      outcome: 'rejected',
      reasonCode: r.code,
      fieldErrors: r.errors.map((e) => ({ field: itemField(e.field), reason: e.reason })),
      offerId: null,
      findings: r.findings?.length ? [...r.findings] : null,
    });
  }
  return items.map(
    (item) =>
      rows.get(item) ?? {
        seq: item.position,
        position: item.position,
        externalRef: item.externalRef?.slice(0, 200) ?? null,
        outcome: 'rejected',
        reasonCode: 'FEED_RECORD_INVALID',
        fieldErrors: item.errors?.length ? item.errors : [{ field: 'offer', reason: 'unreadable record' }],
        offerId: null,
        findings: null,
      },
  );
}

export function countersOf(rows: readonly ImportReportRow[], itemsRead: number): ImportCounters {
  const n = (o: ImportOutcome) => rows.filter((r) => r.outcome === o).length;
  return {
    itemsRead,
    added: n('added'),
    updated: n('updated'),
    unchanged: n('unchanged'),
    expired: n('expired'),
    rejected: n('rejected'),
  };
}
