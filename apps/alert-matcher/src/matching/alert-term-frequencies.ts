import { type ParsedQuery, parseQuery } from '@vigie/analysis';
import type { DocumentFrequency } from '../engine/indexed-alert-engine';

/** How many active alerts share one keyword text (`q`, null for alerts without keywords). */
export interface KeywordCount {
  readonly q: string | null;
  readonly alerts: number;
}

/** The analysed terms a query requires (its terms' alternatives and its phrases), each once. */
function requiredTerms(query: ParsedQuery): Set<string> {
  const terms = new Set<string>();
  for (const t of query.required) for (const seq of t.alternatives) for (const s of seq) terms.add(s.term);
  for (const p of query.phrases) for (const s of p.sequence) terms.add(s.term);
  return terms;
}

/**
 * The matcher's estimate of how common a term is in offers, for the indexed engine's anchors (each
 * keyword alert is listed under its rarest required term): the share of alerts whose keywords
 * require it. Alerts are drawn from occupation labels as offer titles are, so a word many alerts
 * share (« commercial », « technicien ») is one many offers carry, and a qualifier few alerts use
 * (« tig », « java ») is rare in offers too. The matcher holds its alerts at start, when it has
 * seen no offer; `npm run measure:anchors` compares this estimate with the engine's length
 * heuristic and with a sample of real offers (docs/matching.md).
 *
 * Primed from the counts of every active alert before the start-up load, because the engine picks
 * a query's anchor once, at its first upsert; alerts created later are anchored with those counts.
 */
export class AlertTermFrequencies {
  private counts = new Map<string, number>();
  private alerts = 0;

  /** Replaces the counts (a retried start-up load primes again). */
  prime(keywords: Iterable<KeywordCount>): void {
    const counts = new Map<string, number>();
    let alerts = 0;
    for (const { q, alerts: n } of keywords) {
      alerts += n;
      if (q === null || q === '') continue;
      for (const term of termsOf(q)) counts.set(term, (counts.get(term) ?? 0) + n);
    }
    this.counts = counts;
    this.alerts = alerts;
  }

  /** Share of alerts requiring the term; ties and unseen terms: longer is rarer. */
  readonly documentFrequency: DocumentFrequency = (term) =>
    ((this.counts.get(term) ?? 0) + 1 / (2 + term.length)) / Math.max(1, this.alerts);
}

function termsOf(q: string): Set<string> {
  try {
    return requiredTerms(parseQuery(q));
  } catch {
    // A query the parser refuses anchors nothing (the engine refuses the alert itself).
    return new Set();
  }
}
