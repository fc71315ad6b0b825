/**
 * node dist-tools/bench/match-ab.js <other dist-tools> [alerts] [offers] — this build's alert
 * engine against another build's (a baseline worktree's dist-tools, e.g. `main`'s) in ONE process,
 * on the same generated alerts (BOARD_ALERT_DISTRIBUTION, seed 8) and the same real offers,
 * alternating engine by engine on every offer (ABBA order). On a shared machine the load then
 * weighs on both sides alike, which two runs one after the other cannot promise. Prints both
 * sides' `find` wall time per offer (mean, p50, p99), their ratio and their match counts, which
 * must be equal (exit 1 otherwise).
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EngineAlert, EngineHits } from '../apps/alert-matcher/src/engine/alert-engine';
import { generateAlerts } from '../apps/alert-matcher/src/engine/test/alert-generator';
import { realMatchingData } from '../apps/alert-matcher/src/engine/test/real-data';
import { BOARD_ALERT_DISTRIBUTION } from './match-alert-distribution';

const OTHER = process.argv[2];
const ALERTS = Number(process.argv[3] ?? '1000000');
const OFFERS = Number(process.argv[4] ?? '3000');
const WARM_UP = 300;

/** What both builds' engine modules offer (the port plus the benchmark's entry points). */
interface EngineModule {
  IndexedAlertEngine: new (options: { documentFrequency: (t: string) => number }) => {
    upsert(a: EngineAlert): void;
    renumber(): void;
    findPrepared(p: unknown): EngineHits;
  };
  documentFrequencies(offers: readonly unknown[]): (t: string) => number;
}
interface PrepareModule {
  prepareOffer(o: unknown): unknown;
}

function side(distTools: string) {
  const dir = join(distTools, 'apps/alert-matcher/src/engine');
  // Loaded by path at run time: the baseline is another build, not a module of this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engine = require(join(dir, 'indexed-alert-engine.js')) as EngineModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const prepare = require(join(dir, 'prepared-offer.js')) as PrepareModule;
  return { engine, prepare };
}

const quantile = (sorted: Float64Array, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function main(): void {
  if (OTHER === undefined) throw new Error('usage: match-ab.js <other dist-tools> [alerts] [offers]');
  const real = realMatchingData();
  if (real === null) throw new Error('../shared/data is missing');
  const sides = [side(resolve(__dirname, '..')), side(resolve(OTHER))].map(({ engine, prepare }) => {
    const df = engine.documentFrequencies(real.offers.slice(0, 1_000).map(prepare.prepareOffer));
    const offers = Array.from({ length: Math.min(OFFERS, real.offers.length) }, (_, i) =>
      prepare.prepareOffer(real.offers[i]!),
    );
    return { built: new engine.IndexedAlertEngine({ documentFrequency: df }), offers };
  });
  for (const a of generateAlerts(ALERTS, real.data, 8, BOARD_ALERT_DISTRIBUTION))
    for (const s of sides) s.built.upsert(a);
  for (const s of sides) s.built.renumber();
  const times = sides.map(() => new Float64Array(OFFERS));
  const matches = sides.map(() => 0);
  for (let i = -WARM_UP; i < OFFERS; i++) {
    const k = ((i % 2) + 2) % 2;
    for (const which of k === 0 ? [0, 1] : [1, 0]) {
      const s = sides[which]!;
      const offer = s.offers[((i % s.offers.length) + s.offers.length) % s.offers.length];
      const t0 = performance.now();
      const hits = s.built.findPrepared(offer);
      const ms = performance.now() - t0;
      if (i >= 0) {
        times[which]![i] = ms;
        matches[which]! += hits.count;
      }
    }
  }
  const figures = times.map((t) => {
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    const sorted = Float64Array.from(t).sort();
    return { mean: mean, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
  });
  const [mine, other] = figures as [(typeof figures)[0], (typeof figures)[0]];
  const out = {
    alerts: ALERTS,
    offers: OFFERS,
    this_mean_ms: Number(mine.mean.toFixed(4)),
    this_p50_ms: Number(mine.p50.toFixed(4)),
    this_p99_ms: Number(mine.p99.toFixed(4)),
    other_mean_ms: Number(other.mean.toFixed(4)),
    other_p50_ms: Number(other.p50.toFixed(4)),
    other_p99_ms: Number(other.p99.toFixed(4)),
    speedup_mean: Number((other.mean / mine.mean).toFixed(3)),
    speedup_p50: Number((other.p50 / mine.p50).toFixed(3)),
    speedup_p99: Number((other.p99 / mine.p99).toFixed(3)),
    matches_per_offer: [matches[0]! / OFFERS, matches[1]! / OFFERS],
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  if (matches[0] !== matches[1]) process.exit(1);
}

main();
