/**
 * npm run measure:anchors — which document frequencies should pick each keyword alert's anchor in
 * the running matcher? The indexed engine lists an alert under its rarest required term; the
 * cost of an offer is the candidates it reads, so the better estimate of "rare in offers" wins.
 * Compared on MEASURE_ALERTS generated alerts (default 50,000; engine/test/alert-generator.ts) and
 * the real offers of ../shared/data: the length heuristic (the engine's default), term counts over
 * the alerts themselves (what the matcher holds at start), and the share of offers with the term
 * in a sample of offers (what a matcher would have to learn from the stream). Prints candidates
 * verified per offer, matches per offer (equal for all: anchors never change answers) and ms per
 * offer. The machine is shared: timings are pessimistic; candidate counts are exact.
 */
import type { DocumentFrequency } from '../apps/alert-matcher/src/engine/indexed-alert-engine';
import {
  documentFrequencies,
  IndexedAlertEngine,
} from '../apps/alert-matcher/src/engine/indexed-alert-engine';
import { prepareOffer } from '../apps/alert-matcher/src/engine/prepared-offer';
import { generateAlerts } from '../apps/alert-matcher/src/engine/test/alert-generator';
import { realMatchingData } from '../apps/alert-matcher/src/engine/test/real-data';
import { AlertTermFrequencies } from '../apps/alert-matcher/src/matching/alert-term-frequencies';

const ALERTS = Number(process.env.MEASURE_ALERTS ?? '50000');
const SEED = 8;

function main(): void {
  const real = realMatchingData();
  if (real === null) throw new Error('../shared/data is missing: the measure needs the real offers');
  const alerts = [...generateAlerts(ALERTS, real.data, SEED)];
  // Offers are split: the first 1,000 are the "learned" sample, the others are matched.
  const prepared = real.offers.map(prepareOffer);
  const sample = prepared.slice(0, 1_000);
  const stream = prepared.slice(1_000);
  const fromAlerts = new AlertTermFrequencies();
  fromAlerts.prime(alerts.map((a) => ({ q: a.criteria.q, alerts: 1 })));
  const strategies: Array<[string, DocumentFrequency | undefined]> = [
    ['length (engine default)', undefined],
    ['alerts (term counts over the alerts)', fromAlerts.documentFrequency],
    ['offers (sample of 1,000 offers)', documentFrequencies(sample)],
  ];
  process.stdout.write(`${ALERTS} alerts, ${stream.length} offers matched\n`);
  for (const [name, df] of strategies) {
    const engine = new IndexedAlertEngine(df === undefined ? {} : { documentFrequency: df });
    for (const a of alerts) engine.upsert(a);
    let matches = 0;
    const t0 = performance.now();
    for (const o of stream) matches += engine.matchPrepared(o).length;
    const ms = performance.now() - t0;
    const n = stream.length;
    process.stdout.write(
      `${name.padEnd(40)} candidates/offer ${(engine.verifiedCandidates / n).toFixed(1).padStart(8)}` +
        `  matches/offer ${(matches / n).toFixed(1).padStart(7)}  ms/offer ${(ms / n).toFixed(3)}\n`,
    );
  }
}

main();
