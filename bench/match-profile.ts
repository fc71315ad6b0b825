/**
 * node dist-tools/bench/match-profile.js [alerts] [offers] — where an offer's time goes in the
 * alert engine (docs/matching.md, « Where an offer's time went »): the benchmark's alerts
 * (BOARD_ALERT_DISTRIBUTION, seed 8) and the real offers, the engine's counters per offer (list
 * entries read, distinct candidates, verified, queries evaluated — simple or through `matchText` —,
 * hits) and the wall time of each stage, timed by wrapping the engine's private stages (the timers
 * add ~0.1 µs a call: the split matters, not the sum). BENCH_RENUMBER=0 keeps the upsert order.
 */
import { performance } from 'node:perf_hooks';
import type { EngineAlert } from '../apps/alert-matcher/src/engine/alert-engine';
import {
  documentFrequencies,
  IndexedAlertEngine,
} from '../apps/alert-matcher/src/engine/indexed-alert-engine';
import { prepareOffer } from '../apps/alert-matcher/src/engine/prepared-offer';
import { generateAlerts } from '../apps/alert-matcher/src/engine/test/alert-generator';
import { realMatchingData } from '../apps/alert-matcher/src/engine/test/real-data';
import { BOARD_ALERT_DISTRIBUTION } from './match-alert-distribution';

const ALERTS = Number(process.argv[2] ?? '1000000');
const OFFERS = Number(process.argv[3] ?? '3000');
const RENUMBER = process.env.BENCH_RENUMBER !== '0';

type Stage = 'markTerms' | 'visit' | 'evaluateQuery' | 'evaluateCheck';
type Wrapped = Record<Stage | 'queries', unknown> & { queries: { isSimple(i: number): boolean } };

function main(): void {
  const real = realMatchingData();
  if (real === null) throw new Error('../shared/data is missing');
  const df = documentFrequencies(real.offers.slice(0, 1_000).map(prepareOffer));
  const engine = new IndexedAlertEngine({
    documentFrequency: df,
    renumberAfter: RENUMBER ? undefined : Infinity,
  });
  const chunk: EngineAlert[] = [];
  for (const a of generateAlerts(ALERTS, real.data, 8, BOARD_ALERT_DISTRIBUTION)) {
    chunk.push(a);
    if (chunk.length === 50_000) chunk.splice(0).forEach((x) => engine.upsert(x));
  }
  chunk.forEach((x) => engine.upsert(x));
  const t0 = performance.now();
  if (RENUMBER) engine.renumber();
  const renumberMs = performance.now() - t0;

  const w = engine as unknown as Wrapped;
  const ms: Record<Stage, number> = { markTerms: 0, visit: 0, evaluateQuery: 0, evaluateCheck: 0 };
  let simple = 0;
  let positional = 0;
  for (const stage of Object.keys(ms) as Stage[]) {
    const original = (w[stage] as (...args: unknown[]) => unknown).bind(engine);
    w[stage] = (...args: unknown[]) => {
      const s = performance.now();
      if (stage === 'evaluateQuery') {
        if (w.queries.isSimple(args[0] as number)) simple++;
        else positional++;
      }
      const out = original(...args);
      ms[stage] += performance.now() - s;
      return out;
    };
  }
  const prepared = Array.from({ length: Math.min(OFFERS, real.offers.length) }, (_, i) =>
    prepareOffer(real.offers[i]!),
  );
  for (let i = 0; i < 300; i++) engine.findPrepared(prepared[i % prepared.length]!); // warm-up
  Object.keys(ms).forEach((k) => (ms[k as Stage] = 0));
  simple = positional = 0;
  const before = { ...engine.counters };
  const t1 = performance.now();
  for (let i = 0; i < OFFERS; i++) engine.findPrepared(prepared[i % prepared.length]!);
  const findMs = performance.now() - t1;
  const per = (n: number) => Number((n / OFFERS).toFixed(1));
  const c = engine.counters;
  const out = {
    alerts: ALERTS,
    offers: OFFERS,
    renumbered: RENUMBER,
    renumber_ms: Math.round(renumberMs),
    find_ms_per_offer: Number((findMs / OFFERS).toFixed(4)),
    entries: per(c.entries - before.entries),
    distinct_candidates: per(c.candidates - before.candidates),
    verified: per(c.verified - before.verified),
    queries_simple: per(simple),
    queries_positional: per(positional),
    hits: per(c.hits - before.hits),
    // Stage times are nested: visit includes evaluateQuery and evaluateCheck.
    ms_mark_terms: Number((ms.markTerms / OFFERS).toFixed(4)),
    ms_visit_records: Number(((ms.visit - ms.evaluateQuery - ms.evaluateCheck) / OFFERS).toFixed(4)),
    ms_queries: Number((ms.evaluateQuery / OFFERS).toFixed(4)),
    ms_checks: Number((ms.evaluateCheck / OFFERS).toFixed(4)),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
