/**
 * npm run bench:quality [-- N] — screening (rules R1–R17) and duplicate clustering on N generated
 * offers (default 741,102; BENCH_QUALITY_OFFERS or the first argument for a smaller run). Real
 * France Travail offers are the templates (generated ads when the shared data folder is absent);
 * the generator injects copies of earlier offers (re-posts with a new reference, an edited
 * sentence, posted by an unnamed agency) and forbidden phrasings at known rates, so the truth is
 * known for every offer. Both steps run on this process's one thread, in batches as an import
 * would call them, and are timed apart in CPU time of this process (wall clock printed too: on a
 * shared machine it includes waiting for the CPU). Writes bench-results/quality.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { franceTravailAds, JobAd, repoRoot, seededRandom, syntheticJobAds } from '@vigie/testing';
import { DuplicateClusterer } from '../apps/offer-ingestion/src/quality/clustering/duplicate-clusterer';
import { InMemoryClusterIndex } from '../apps/offer-ingestion/src/quality/clustering/in-memory-cluster-index';
import { ruleIdsOf, ScreenableOffer } from '../apps/offer-ingestion/src/quality/screening/finding';
import { screenOffer } from '../apps/offer-ingestion/src/quality/screening/offer-screener';

const N = Number(process.argv[2] ?? process.env.BENCH_QUALITY_OFFERS ?? 741_102);
const BATCH = 1_000;
const COPY_RATE = 0.3; // half to four fifths of an aggregator's ads are copies; 30 % here
const FORBIDDEN_RATE = 0.07; // France Travail reports about 7 % of offers as illegal
const RECENT = 20_000; // copies re-post one of the last originals
const TARGET_OFFERS_PER_S = 5_000;

/** One forbidden phrasing per rule, as the reference doc words them. */
const FORBIDDEN: ReadonlyArray<readonly [string, string]> = [
  ['R1', 'Nous recherchons une vendeuse pour compléter l’équipe.'],
  ['R2', 'Poste réservé à une personne célibataire et sans enfant.'],
  ['R3', 'Profil : entre 25 et 35 ans.'],
  ['R3', 'Vous avez moins de 30 ans.'],
  ['R4', 'Jeune diplômé uniquement.'],
  ['R5', 'Nationalité française exigée.'],
  ['R6', 'Expression en français sans accent.'],
  ['R7', 'De confession catholique de préférence.'],
  ['R8', 'Personne en bonne santé.'],
  ['R9', 'CV avec photo exigée.'],
  ['R10', "Candidats du 93 s'abstenir."],
  ['R11', 'Nom à consonance française souhaité.'],
  ['R12', 'Personnel non syndiqué.'],
  ['R13', 'Pas de bénéficiaires du RSA.'],
  ['R15', 'Nous souhaitons constituer un vivier de candidatures.'],
  ['R16', 'Frais de dossier : 50 €.'],
  ['R16', 'Renseignements au 08 99 23 45 67.'],
];

interface GeneratedOffer {
  ad: JobAd;
  truthCluster: string;
  injectedRule: string | null;
  template: number;
}

function disguise(text: string, random: () => number): string {
  const r = random();
  if (r < 0.25) return text.toUpperCase();
  if (r < 0.5) return text.replace(/ /g, '  ');
  if (r < 0.75) return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return text;
}

/** A re-post: new reference, one sentence edited or dropped, sometimes by an agency that names no employer. */
function repost(original: JobAd, id: string, random: () => number): JobAd {
  const sentences = original.description.split(/(?<=[.!?])\s+/);
  if (sentences.length > 3 && random() < 0.5)
    sentences.splice(1 + Math.floor(random() * (sentences.length - 2)), 1);
  else sentences.push('Poste à pourvoir dès que possible.');
  return {
    ...original,
    id,
    title: random() < 0.3 ? `${original.title} - Réf. ${Math.floor(random() * 1e5)}` : original.title,
    description: `${sentences.join(' ')} Référence ${Math.floor(random() * 1e6)}.`,
    companyName: random() < 0.3 ? null : original.companyName,
  };
}

function* generate(templates: readonly JobAd[], count: number): Generator<GeneratedOffer> {
  const random = seededRandom(20_261_201);
  const recent: GeneratedOffer[] = []; // a ring of the last RECENT originals
  let next = 0;
  for (let i = 0; i < count; i++) {
    let offer: GeneratedOffer;
    if (recent.length > 0 && random() < COPY_RATE) {
      const original = recent[Math.floor(random() * recent.length)]!;
      offer = { ...original, ad: repost(original.ad, `g${i}`, random), injectedRule: null };
    } else {
      const template = Math.floor(random() * templates.length);
      const place = `p${Math.floor(random() * 30_000)}`;
      const company = random() < 0.2 ? null : `Employeur ${Math.floor(random() * 50_000)}`;
      const ad = { ...templates[template]!, id: `g${i}`, placeKey: place, companyName: company };
      offer = { ad, truthCluster: `${template}|${place}|${company ?? '-'}`, injectedRule: null, template };
      recent[next] = offer;
      next = (next + 1) % RECENT;
    }
    if (random() < FORBIDDEN_RATE) {
      const [rule, phrase] = FORBIDDEN[Math.floor(random() * FORBIDDEN.length)]!;
      offer = {
        ...offer,
        ad: { ...offer.ad, description: `${offer.ad.description}\n${disguise(phrase, random)}` },
        injectedRule: rule,
      };
    }
    yield offer;
  }
}

const screenable = (ad: JobAd): ScreenableOffer => ({
  title: ad.title,
  description: ad.description,
  companyName: ad.companyName,
  contractType: ad.contractType,
});

/** Pairwise precision and recall of predicted clusters against the truth (contingency counts). */
class PairCounter {
  private readonly cells = new Map<string, number>();
  private readonly predicted = new Map<string, number>();
  private readonly truth = new Map<string, number>();

  add(predicted: string, truth: string): void {
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    bump(this.cells, `${predicted}\u0000${truth}`);
    bump(this.predicted, predicted);
    bump(this.truth, truth);
  }

  scores(): { precision: number; recall: number } {
    const pairs = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
    const common = pairs(this.cells);
    return { precision: common / pairs(this.predicted), recall: common / pairs(this.truth) };
  }
}

function labelledScreening(): { precision: number; recall: number; offers: number } {
  const file = join(repoRoot(), 'apps/offer-ingestion/test-fixtures/quality/screening-labelled.json');
  const { offers } = JSON.parse(readFileSync(file, 'utf8')) as {
    offers: Array<ScreenableOffer & { expected: string[] }>;
  };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const o of offers) {
    const found: string[] = ruleIdsOf(screenOffer(o).findings);
    const hit = found.filter((r) => o.expected.includes(r)).length;
    tp += hit;
    fp += found.length - hit;
    fn += o.expected.filter((r) => !found.includes(r)).length;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), offers: offers.length };
}

async function main(): Promise<void> {
  const real = franceTravailAds();
  const templates = real ?? syntheticJobAds(2_000, 3);
  process.stdout.write(
    `bench:quality — ${N.toLocaleString('en')} offers from ${templates.length} ${real ? 'France Travail offers' : 'generated ads (shared data folder absent)'}, ${Math.round(COPY_RATE * 100)} % copies, ${Math.round(FORBIDDEN_RATE * 100)} % forbidden phrasings\n`,
  );
  // What each template already triggers, so only what the generator injected is scored.
  const baseline = templates.map((t) => new Set<string>(ruleIdsOf(screenOffer(screenable(t)).findings)));

  const index = new InMemoryClusterIndex();
  const clusterer = new DuplicateClusterer(index);
  const pairs = new PairCounter();
  // CPU time of this thread's process per step: what one core spends, even on a shared machine.
  let screenCpuUs = 0;
  let clusterCpuUs = 0;
  let screenNs = 0n;
  let clusterNs = 0n;
  let injected = 0;
  let injectedFound = 0;
  let extraFindings = 0;
  let done = 0;
  let rssPeak = 0;
  let batch: GeneratedOffer[] = [];

  const run = async (): Promise<void> => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const screened = batch.map((g) => ruleIdsOf(screenOffer(screenable(g.ad)).findings) as string[]);
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage();
    const clusters = await clusterer.assign(
      null,
      batch.map((g) => ({ offerId: g.ad.id, ...g.ad })),
    );
    const t2 = process.hrtime.bigint();
    const c2 = process.cpuUsage();
    screenCpuUs += c1.user + c1.system - (c0.user + c0.system);
    clusterCpuUs += c2.user + c2.system - (c1.user + c1.system);
    screenNs += t1 - t0;
    clusterNs += t2 - t1;
    batch.forEach((g, i) => {
      pairs.add(clusters[i]!.clusterId, g.truthCluster);
      const expected = new Set(baseline[g.template]);
      if (g.injectedRule !== null) {
        injected++;
        if (screened[i]!.includes(g.injectedRule)) injectedFound++;
        expected.add(g.injectedRule);
      }
      extraFindings += screened[i]!.filter((r) => !expected.has(r)).length;
    });
    done += batch.length;
    batch = [];
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    if (done % 50_000 === 0) process.stdout.write(`  ${done.toLocaleString('en')} offers…\n`);
  };

  for (const offer of generate(templates, N)) {
    batch.push(offer);
    if (batch.length === BATCH) await run();
  }
  if (batch.length > 0) await run();

  const screenPerS = N / (screenCpuUs / 1e6);
  const clusterPerS = N / (clusterCpuUs / 1e6);
  const bothPerS = N / ((screenCpuUs + clusterCpuUs) / 1e6);
  const wallPerS = (ns: bigint) => Math.round(N / (Number(ns) / 1e9)).toLocaleString('en');
  const dup = pairs.scores();
  const labelled = labelledScreening();
  const results = {
    offers: N,
    screen_offers_per_s: Math.round(screenPerS),
    cluster_offers_per_s: Math.round(clusterPerS),
    rss_peak_mib: Math.round(Math.max(rssPeak, process.resourceUsage().maxRSS * 1024) / 2 ** 20),
    dup_precision: Number(dup.precision.toFixed(4)),
    dup_recall: Number(dup.recall.toFixed(4)),
    screen_precision: Number(labelled.precision.toFixed(4)),
    screen_recall: Number(labelled.recall.toFixed(4)),
  };
  const injectedPrecision = injectedFound / (injectedFound + extraFindings);
  process.stdout.write(
    [
      `screening:  ${results.screen_offers_per_s.toLocaleString('en')} offers per CPU second (wall clock: ${wallPerS(screenNs)}/s)`,
      `clustering: ${results.cluster_offers_per_s.toLocaleString('en')} offers per CPU second (wall clock: ${wallPerS(clusterNs)}/s; ${index.size.toLocaleString('en')} offers indexed)`,
      `both steps: ${Math.round(bothPerS).toLocaleString('en')} offers per CPU second = ${(bothPerS / TARGET_OFFERS_PER_S).toFixed(2)} × the 5,000 offers/s target (wall clock: ${wallPerS(screenNs + clusterNs)}/s)`,
      `peak RSS:   ${results.rss_peak_mib} MiB`,
      `duplicates (injected copies, pairwise): precision ${results.dup_precision} (target 0.95, ratio ${(dup.precision / 0.95).toFixed(2)}), recall ${results.dup_recall} (target 0.9, ratio ${(dup.recall / 0.9).toFixed(2)})`,
      `screening (labelled set, ${labelled.offers} offers): precision ${results.screen_precision} (target 0.9), recall ${results.screen_recall} (target 0.9)`,
      `screening (injected phrasings): recall ${(injectedFound / injected).toFixed(4)} (${injectedFound}/${injected}), precision ${injectedPrecision.toFixed(4)} (${extraFindings} findings not explained by the injection or the template)`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(repoRoot(), 'bench-results'), { recursive: true });
  writeFileSync(join(repoRoot(), 'bench-results', 'quality.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
