/**
 * npm run bench:analysis — how fast the platform's French chain analyses offers in TypeScript (the
 * matcher analyses every offer it sees), on one core:
 *   analyze      — analyze() over title + description of BENCH_OFFERS offer texts (default 20,000,
 *                  the real offers of ../shared/data cycled; generated ones when it is absent);
 *   cold         — the same over each distinct offer once, with an analyzer whose memo of
 *                  analysed tokens starts empty (a matcher that just started);
 *   baseline     — the matcher's former tokenizer (bench/former-matcher-tokenizer.ts) over the same
 *                  texts in the same run, as a ratio (it lower-cases, folds and splits, no more);
 *   parse        — parseQuery() over queries built from real titles;
 *   match        — matchesQuery() evaluations of those queries over indexed offers;
 *   adversarial  — texts built to trap a backtracking tokenizer, in MiB/s.
 * Rates are per CPU second of this process (one core, whatever else runs on the machine).
 * Target: ≥ 5,000 offer texts (title + description) per second. Figures are printed and written to
 * bench-results/analysis.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  analyzeFields,
  FRENCH_CHAIN,
  FRENCH_TEXT_ANALYZER,
  indexFields,
  matchesIndexed,
  parseQuery,
} from '@vigie/analysis';
import { compileAnalyzer } from '../libs/analysis/src/chain/compile-chain';
import {
  generatedOfferTexts,
  type OfferTexts,
  readJsonLines,
  repoRoot,
  sharedDataFile,
} from '@vigie/testing/unit';
import { tokenize as oldTokenize } from './former-matcher-tokenizer';
import { queriesFromTitles } from '../libs/analysis/test/real-queries';

const N = Number(process.env.BENCH_OFFERS ?? process.argv[2] ?? 20_000);
const TARGET_OFFERS_PER_S = 5_000;

function corpus(): { source: string; offers: OfferTexts[] } {
  const file = sharedDataFile('offers_france_travail.jsonl');
  if (file === undefined) {
    process.stdout.write('NOTICE: ../shared/data is absent: generated offers, not the real ones\n');
    return { source: 'generated', offers: generatedOfferTexts(2_000) };
  }
  const rows = readJsonLines<{
    id: string;
    intitule?: string;
    description?: string;
    entreprise?: { nom?: string };
  }>(file);
  return {
    source: `${rows.length} real offers`,
    offers: rows.map((o) => ({
      id: o.id,
      title: o.intitule ?? '',
      description: o.description ?? '',
      companyName: o.entreprise?.nom ?? '',
    })),
  };
}

/**
 * CPU seconds of this process (user + system): "per second on one core" even when other processes
 * share the machine, which wall-clock time would charge to us.
 */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Runs `work` over `count` items (cycling), after a warm-up; returns CPU seconds. */
function timed(count: number, work: (i: number) => void): number {
  for (let i = 0; i < Math.min(count, 2_000); i++) work(i);
  const start = cpuSeconds();
  for (let i = 0; i < count; i++) work(i);
  return cpuSeconds() - start;
}

function main(): void {
  const { source, offers } = corpus();
  const at = (i: number) => offers[i % offers.length]!;
  let chars = 0;
  for (let i = 0; i < N; i++) chars += at(i).title.length + at(i).description.length;
  process.stdout.write(
    `bench:analysis — ${N} offer texts (title + description) from ${source}, one core (CPU time)\n`,
  );

  let tokens = 0;
  const analyzeS = timed(N, (i) => {
    tokens += analyze(at(i).title, 'title').length + analyze(at(i).description, 'description').length;
  });
  tokens = Math.round((tokens * N) / (N + Math.min(N, 2_000)));
  const cold = compileAnalyzer(FRENCH_CHAIN, FRENCH_CHAIN.analyzers[FRENCH_TEXT_ANALYZER]);
  const coldStart = cpuSeconds();
  for (const o of offers) {
    cold.run(o.title);
    cold.run(o.description);
  }
  const coldS = cpuSeconds() - coldStart;
  const baselineS = timed(N, (i) => {
    oldTokenize(at(i).title);
    oldTokenize(at(i).description);
  });

  const queries = queriesFromTitles(offers, 2_000).flatMap((q) => {
    try {
      return [parseQuery(q)];
    } catch {
      return [];
    }
  });
  const texts = queriesFromTitles(offers, 2_000);
  const parseS = timed(texts.length * 5, (i) => {
    try {
      parseQuery(texts[i % texts.length]!);
    } catch {
      // over a limit: counted like any other parse
    }
  });
  const indexed = offers.slice(0, 1_000).map((o) => indexFields(analyzeFields(o)));
  const evaluations = 200_000;
  const matchS = timed(evaluations, (i) => {
    matchesIndexed(queries[i % queries.length]!, indexed[Math.floor(i / queries.length) % indexed.length]!);
  });

  const nasty = [
    "b'".repeat(200_000),
    'b+'.repeat(200_000),
    `${'.'.repeat(200_000)}NET`,
    'b#'.repeat(200_000),
    `${'é\u0301'.repeat(100_000)}`,
  ];
  const nastyChars = nasty.reduce((s, t) => s + t.length, 0);
  const nastyS = timed(nasty.length * 4, (i) => analyze(nasty[i % nasty.length]!));

  const results = {
    offers: N,
    analyze_offers_per_s: Math.round(N / analyzeS),
    analyze_tokens_per_s: Math.round(tokens / analyzeS),
    analyze_mib_per_s: Number((chars / 1_048_576 / analyzeS).toFixed(2)),
    analyze_cold_offers_per_s: Math.round(offers.length / coldS),
    baseline_offers_per_s: Math.round(N / baselineS),
    ratio_vs_baseline: Number((baselineS / analyzeS).toFixed(3)),
    target_offers_per_s: TARGET_OFFERS_PER_S,
    parse_queries_per_s: Math.round((texts.length * 5) / parseS),
    match_evaluations_per_s: Math.round(evaluations / matchS),
    adversarial_mib_per_s: Number(((nastyChars * 4) / 1_048_576 / nastyS).toFixed(2)),
  };
  process.stdout.write(
    [
      `analyze():          ${results.analyze_offers_per_s} offers/s (${results.analyze_tokens_per_s} tokens/s, ${results.analyze_mib_per_s} MiB/s) — target ≥ ${TARGET_OFFERS_PER_S}`,
      `analyze(), cold:    ${results.analyze_cold_offers_per_s} offers/s (${offers.length} distinct offers, empty memo)`,
      `old tokenizer:      ${results.baseline_offers_per_s} offers/s — analyze() is ${results.ratio_vs_baseline}× its speed`,
      `parseQuery():       ${results.parse_queries_per_s} queries/s`,
      `matchesQuery():     ${results.match_evaluations_per_s} evaluations/s`,
      `adversarial input:  ${results.adversarial_mib_per_s} MiB/s`,
      '',
    ].join('\n'),
  );
  const dir = join(repoRoot(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'analysis.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('written to bench-results/analysis.json\n');
}

main();
