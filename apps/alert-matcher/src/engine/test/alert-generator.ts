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

/**
 * The written-down distributions of generated alerts (benchmark and tests share them):
 * - 70 % keyword alerts: 1–3 consecutive words (4+ letters) of an occupation label; of those 10 %
 *   as a quoted phrase of 2 words, 10 % with an exclusion (-stage, -nuit, -intérim, -week-end);
 * - where: 60 % commune + radius (communes weighted by population; radius 5/10/20/30/50/100 km
 *   with weights 10/30/25/15/12/8 %), 8 % department, 4 % region, 28 % anywhere; an alert without
 *   keywords and without a place names a ROME code instead, so about 21.6 % of all alerts are
 *   location-only and 8.4 % ROME-only;
 * - contracts: 50 % any, 25 % cdi, 12 % cdi+cdd, 8 % interim, 5 % apprenticeship;
 * - working time: 85 % any, 10 % full time, 5 % part time;
 * - remote: 85 % any, 10 % full (so the full-remote rule applies), 5 % partial+full;
 * - salary: 80 % none, 20 % a minimum of 20–50 k€ (half of them accepting unsalaried offers);
 * - ROME codes: 10 % of keyword alerts also name one.
 */
export function* generateAlerts(count: number, data: AlertGeneratorData, seed = 1): Generator<EngineAlert> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
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
  const words = data.labels
    .map((l) =>
      l
        .replace(/\([^)]*\)/g, ' ')
        .split(/[\s/,]+/)
        .filter((w) => w.length >= 4 && !/^(agente?|aide)$/i.test(w)),
    )
    .filter((w) => w.length > 0);

  for (let i = 0; i < count; i++) {
    let q: string | null = null;
    if (random() < 0.7) {
      const ws = pick(words);
      const start = Math.floor(random() * ws.length);
      const phrase = random() < 0.1 && start + 1 < ws.length;
      const n = phrase ? 2 : 1 + Math.floor(random() * Math.min(3, ws.length - start));
      const chosen = ws.slice(start, start + n);
      q = phrase ? `"${chosen.join(' ')}"` : chosen.join(' ');
      if (random() < 0.1) q += ` -${pick(['stage', 'nuit', 'intérim', 'week-end'])}`;
    }
    const whereKind = weighted([
      ['commune', 60],
      ['department', 8],
      ['region', 4],
      ['none', 28],
    ] as const);
    let where: SearchCriteria['where'] = null;
    let place: EnginePlace | undefined;
    if (whereKind !== 'none') {
      const c = commune();
      if (whereKind === 'commune') {
        const radiusKm = weighted([
          [5, 10],
          [10, 30],
          [20, 25],
          [30, 15],
          [50, 12],
          [100, 8],
        ] as const);
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
      (q === null && where === null) || (q !== null && random() < 0.1) ? [pick(data.romeCodes)] : [];
    const salaried = random() < 0.2;
    const criteria: SearchCriteria = {
      q,
      where,
      remote: weighted<RemoteMode[]>([
        [[], 85],
        [['full'], 10],
        [['partial', 'full'], 5],
      ]),
      contractTypes: weighted<ContractType[]>([
        [[], 50],
        [['cdi'], 25],
        [['cdi', 'cdd'], 12],
        [['interim'], 8],
        [['apprenticeship'], 5],
      ]),
      workingTimes: weighted<WorkingTime[]>([
        [[], 85],
        [['full_time'], 10],
        [['part_time'], 5],
      ]),
      minAnnualSalary: salaried ? 20_000 + Math.floor(random() * 30) * 1_000 : null,
      includeUnsalaried: salaried ? random() < 0.5 : true,
      romeCodes,
      company: null,
    };
    yield { id: `a${seed}-${i}`, criteria, ...(place ? { place } : {}) };
  }
}
