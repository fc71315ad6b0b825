import { alertState } from '../alerts/alert-changed-event';
import { AlertRepository } from '../alerts/alert.repository';
import { AlertBook } from './alert-book';
import { AlertKeywordCounts } from './alert-keyword-counts.port';
import { AlertTermFrequencies } from './alert-term-frequencies';

const PAGE = 5_000;

/**
 * Puts every alert of Postgres in the book, deleted and paused ones included: their versions keep
 * an older record replayed from the topic from bringing them back.
 */
export async function loadAlertsFromPostgres(alerts: AlertRepository, book: AlertBook): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const page = await alerts.page(after, PAGE);
    for (const alert of page) book.apply(alertState(alert));
    count += page.length;
    if (page.length < PAGE) {
      // Laid out now, while the matcher is not ready yet, rather than by the first offer's `find`.
      book.settle();
      return count;
    }
    after = page[page.length - 1]!.id;
  }
}

/**
 * The start-up load of the running matcher: the anchors' statistics first (the indexed engine picks
 * a query's anchor at its first upsert, so the counts must be complete by then), then the alerts.
 */
export async function loadAnchoredAlerts(
  counts: AlertKeywordCounts,
  frequencies: AlertTermFrequencies,
  alerts: AlertRepository,
  book: AlertBook,
): Promise<number> {
  frequencies.prime(await counts.activeKeywordCounts());
  return loadAlertsFromPostgres(alerts, book);
}
