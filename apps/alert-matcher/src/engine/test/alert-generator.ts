import type { ContractType, RemoteMode, SearchCriteria, WorkingTime } from '@vigie/contracts';
import { seededRandom } from '@vigie/testing/unit';
import type { EngineAlert, EnginePlace } from '../alert-engine';

export interface GeneratorCommune {
  readonly insee: string;
  readonly nom: string;
  readonly dep: string;
  readonly reg: string;
  readonly lat: number;
  readonly lon: number;
  readonly population_2021: number | null;
}

export interface AlertGeneratorData {
  /** Occupation labels (ROME appellations, ESCO), the source of keywords. */
  readonly labels: readonly string[];
  /** ROME codes alerts may name (from the appellations). */
  readonly romeCodes: readonly string[];
  readonly communes: readonly GeneratorCommune[];
}

/** Values with their relative weights. */
export type Weights<T> = ReadonlyArray<readonly [T, number]>;
type Where = 'commune' | 'department' | 'region' | 'none';

/**
 * The written-down distributions of generated alerts: each caller (tests, benchmark) names its own,
 * so what a figure was measured on is in the code next to it.
 */
export interface AlertDistribution {
  /** What an alert is about: keywords, only a place, or a ROME code (a métier picked from a list). */
  readonly kind: Weights<'keywords' | 'place-only' | 'rome'>;
  /**
   * How the keywords come from an occupation label: `any-words` takes 1–3 consecutive words of 4+
   * letters anywhere in it (so also « technique », « dans »), `occupation-head` takes its first
   * words, the occupation as a candidate types it (« Agent / Agente de destruction d'insectes » →
   * « agent destruction »), a generic head word (agent, responsable…) never alone.
   */
  readonly keywords: 'any-words' | 'occupation-head';
  /** Number of words, for `occupation-head` (`any-words`: 1–3 uniform). */
  readonly keywordWords: Weights<1 | 2 | 3>;
  /** Share of keyword alerts written as a quoted phrase of 2 words. */
  readonly phraseShare: number;
  /** Share of keyword alerts with one excluded term (-stage, -nuit, -intérim, -week-end). */
  readonly exclusionShare: number;
  /** Share of keyword alerts that also name a ROME code. */
  readonly romeWithKeywordsShare: number;
  /** Where keyword alerts look (communes are drawn weighted by population). */
  readonly where: Weights<Where>;
  readonly radiusKm: Weights<number>;
  /** Where ROME alerts look. */
  readonly romeWhere: Weights<Where>;
  /** Where place-only alerts look (never nowhere: an alert needs keywords, a place or a ROME code). */
  readonly placeOnlyWhere: Weights<Exclude<Where, 'none'>>;
  readonly placeOnlyRadiusKm: Weights<number>;
  readonly contractTypes: Weights<ContractType[]>;
  readonly workingTimes: Weights<WorkingTime[]>;
  readonly remote: Weights<RemoteMode[]>;
  /** Share of alerts with a minimum salary (20–50 k€, half of them accepting unsalaried offers). */
  readonly salaryShare: number;
}

const RADII: Weights<number> = [
  [5, 10],
  [10, 30],
  [20, 25],
  [30, 15],
  [50, 12],
  [100, 8],
];

/**
 * The unit tests' distribution, broad on purpose (many matches exercise both sides of every
 * criterion): 70 % keyword alerts (any words of a label; 10 % phrases, 10 % with an exclusion,
 * 10 % with a ROME code) looking 60 % around a commune, 8 % in a department, 4 % in a region,
 * 28 % anywhere; 21.6 % place-only alerts with the same place mix; 8.4 % ROME-only, anywhere.
 * Contracts 50 % any, 25 % cdi, 12 % cdi+cdd, 8 % interim, 5 % apprenticeship; working time 85 %
 * any; remote 85 % any, 10 % full (the full-remote rule applies), 5 % partial+full; 20 % salaried.
 */
export const TEST_ALERT_DISTRIBUTION: AlertDistribution = {
  kind: [
    ['keywords', 70],
    ['place-only', 21.6],
    ['rome', 8.4],
  ],
  keywords: 'any-words',
  keywordWords: [[1, 1]],
  phraseShare: 0.1,
  exclusionShare: 0.1,
  romeWithKeywordsShare: 0.1,
  where: [
    ['commune', 60],
    ['department', 8],
    ['region', 4],
    ['none', 28],
  ],
  radiusKm: RADII,
  romeWhere: [['none', 1]],
  placeOnlyWhere: [
    ['commune', 60],
    ['department', 8],
    ['region', 4],
  ],
  placeOnlyRadiusKm: RADII,
  contractTypes: [
    [[], 50],
    [['cdi'], 25],
    [['cdi', 'cdd'], 12],
    [['interim'], 8],
    [['apprenticeship'], 5],
  ],
  workingTimes: [
    [[], 85],
    [['full_time'], 10],
    [['part_time'], 5],
  ],
  remote: [
    [[], 85],
    [['full'], 10],
    [['partial', 'full'], 5],
  ],
  salaryShare: 0.2,
};

// Words a candidate does not type alone: the head of many labels, which says nothing by itself.
const GENERIC_HEADS = new Set([
  'agent',
  'agente',
  'aide',
  'assistant',
  'assistante',
  'adjoint',
  'adjointe',
  'charge',
  'chargee',
  'chef',
  'conseiller',
  'conseillere',
  'directeur',
  'directrice',
  'employe',
  'employee',
  'expert',
  'experte',
  'ingenieur',
  'ingenieure',
  'operateur',
  'operatrice',
  'ouvrier',
  'ouvriere',
  'responsable',
  'technicien',
  'technicienne',
]);
const STOP_WORDS = new Set(
  'de du des la le les l d en et ou a au aux pour par sur sous dans avec un une'.split(' '),
);
const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Every label's words for `any-words`: 4+ letters, « agent » and « aide » left out. */
function anyWords(labels: readonly string[]): string[][] {
  return labels
    .map((l) =>
      l
        .replace(/\([^)]*\)/g, ' ')
        .split(/[\s/,]+/)
        .filter((w) => w.length >= 4 && !/^(agente?|aide)$/i.test(w)),
    )
    .filter((w) => w.length > 0);
}

/**
 * Every label's leading words for `occupation-head`: the masculine form only (« Agent / Agente de
 * … » → « Agent de … », « directeur technique/directrice technique » → the first), no parenthesis,
 * no elided article (« d'insectes » → « insectes »), no stop word, nothing after a dash clause.
 */
function occupationHeads(labels: readonly string[]): string[][] {
  return labels
    .map((l) => {
      const masculine = l.includes(' / ') ? l.replace(/\s+\/\s+\S+/, '') : (l.split('/')[0] ?? l);
      return masculine
        .replace(/\([^)]*\)/g, ' ')
        .split(/\s+-\s+/)[0]!
        .split(/[\s,]+/)
        .map((w) => w.replace(/^[dlDL][’']/, ''))
        .filter((w) => w.length >= 2 && !STOP_WORDS.has(fold(w)));
    })
    .filter((w) => w.length > 0);
}

export function* generateAlerts(
  count: number,
  data: AlertGeneratorData,
  seed = 1,
  distribution: AlertDistribution = TEST_ALERT_DISTRIBUTION,
): Generator<EngineAlert> {
  const d = distribution;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const totals = new Map<Weights<unknown>, number>();
  const weighted = <T>(items: Weights<T>): T => {
    let sum = totals.get(items);
    if (sum === undefined) totals.set(items, (sum = items.reduce((s, [, w]) => s + w, 0)));
    let r = random() * sum;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1]![0];
  };
  const cumulative = new Float64Array(data.communes.length);
  let total = 0;
  data.communes.forEach((c, i) => (cumulative[i] = total += Math.max(1, c.population_2021 ?? 0)));
  const commune = () => {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return data.communes[lo]!;
  };
  const words = d.keywords === 'any-words' ? anyWords(data.labels) : occupationHeads(data.labels);
  // Folding is slow next to the rest: once per label, not once per alert.
  const genericHead = words.map((ws) => GENERIC_HEADS.has(fold(ws[0]!)));

  const keywords = (): string => {
    const w = Math.floor(random() * words.length);
    const ws = words[w]!;
    let chosen: string[];
    let phrase = false;
    if (d.keywords === 'any-words') {
      const start = Math.floor(random() * ws.length);
      phrase = random() < d.phraseShare && start + 1 < ws.length;
      const n = phrase ? 2 : 1 + Math.floor(random() * Math.min(3, ws.length - start));
      chosen = ws.slice(start, start + n);
    } else {
      phrase = random() < d.phraseShare && ws.length >= 2;
      let n: number = phrase ? 2 : weighted(d.keywordWords);
      if (n === 1 && genericHead[w]) n = 2;
      chosen = ws.slice(0, n);
    }
    let q = phrase ? `"${chosen.join(' ')}"` : chosen.join(' ');
    if (random() < d.exclusionShare) q += ` -${pick(['stage', 'nuit', 'intérim', 'week-end'])}`;
    return q;
  };

  for (let i = 0; i < count; i++) {
    const kind = weighted(d.kind);
    const q = kind === 'keywords' ? keywords() : null;
    const whereKind: Where =
      kind === 'keywords'
        ? weighted(d.where)
        : kind === 'rome'
          ? weighted(d.romeWhere)
          : weighted(d.placeOnlyWhere);
    let where: SearchCriteria['where'] = null;
    let place: EnginePlace | undefined;
    if (whereKind !== 'none') {
      const c = commune();
      if (whereKind === 'commune') {
        const radiusKm = weighted(kind === 'place-only' ? d.placeOnlyRadiusKm : d.radiusKm);
        where = { kind: 'commune', communeCode: c.insee, radiusKm };
        place = { kind: 'circle', latitude: c.lat, longitude: c.lon, radiusKm, label: c.nom };
      } else if (whereKind === 'department') {
        where = { kind: 'department', code: c.dep };
        place = { kind: 'department', code: c.dep, label: c.dep };
      } else {
        where = { kind: 'region', code: c.reg };
        place = { kind: 'region', code: c.reg, label: c.reg };
      }
    }
    const romeCodes =
      kind === 'rome' || (kind === 'keywords' && random() < d.romeWithKeywordsShare)
        ? [pick(data.romeCodes)]
        : [];
    const salaried = random() < d.salaryShare;
    const criteria: SearchCriteria = {
      q,
      where,
      remote: weighted(d.remote),
      contractTypes: weighted(d.contractTypes),
      workingTimes: weighted(d.workingTimes),
      minAnnualSalary: salaried ? 20_000 + Math.floor(random() * 30) * 1_000 : null,
      includeUnsalaried: salaried ? random() < 0.5 : true,
      romeCodes,
      company: null,
    };
    yield { id: `a${seed}-${i}`, criteria, ...(place ? { place } : {}) };
  }
}
