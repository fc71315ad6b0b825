import type { AlertDistribution } from '../apps/alert-matcher/src/engine/test/alert-generator';

/**
 * The alerts bench:match measures, as a board's saved searches plausibly look. Why each figure:
 *
 * - What candidates save (79 % keywords, 15 % a métier from the ROME list, 6 % a place only): a
 *   saved search is almost always an occupation; France Travail's own alerts are a métier + place.
 *   A place-only alert exists (« anything near home ») but a 20 km one around Paris fits about one
 *   offer in six in France: hundreds a day, so few candidates keep one, and mostly with a small
 *   radius. The unit tests' distribution (21.6 % place-only, radii up to 100 km) put half of the
 *   ~430 matches per offer on such alerts: a generator artefact, not a board.
 * - Keywords are the head of an occupation label as a candidate types it (« aide soignant »,
 *   « chauffeur poids lourd », « développeur »): 35 % one word, 50 % two, 15 % three; a generic head
 *   word (agent, responsable, technicien…) is never alone. The tests' `any-words` drew words from
 *   anywhere in a label (« technique », « recherche », « dans », « travail »), which occur in most
 *   descriptions: the top alert queries were « informatique » and « Responsable ». 5 % are a quoted
 *   phrase, 5 % exclude a term, 5 % also name a ROME code. Labels are uniform over the ROME and
 *   ESCO lists: the real offers sample is 39 % one ROME code (M1801), not the country's mix.
 * - Where: around a commune for 65 % (communes weighted by population; radius 5/10/20/30/50/100 km
 *   weighted 10/25/30/15/12/8, as the search form offers them), a department 10 %, a region 5 %,
 *   anywhere 20 %. ROME alerts the same. Place-only alerts: a commune 80 % with mostly small radii
 *   (5/10/20/30/50/100 km weighted 25/35/25/10/4/1), a department 20 %.
 * - Filters: contracts 50 % any, 25 % cdi, 12 % cdi+cdd, 8 % interim, 5 % apprenticeship; working
 *   time 85 % any, 10 % full time, 5 % part time; remote 85 % any, 10 % full (the full-remote rule
 *   applies), 5 % partial+full; 20 % with a minimum salary.
 *
 * Check on the load it implies (docs/matching.md): with matches per offer m at A alerts, an alert
 * receives m / A of the offers published; France Travail publishes about 10,000 offers a day.
 */
export const BOARD_ALERT_DISTRIBUTION: AlertDistribution = {
  kind: [
    ['keywords', 79],
    ['rome', 15],
    ['place-only', 6],
  ],
  keywords: 'occupation-head',
  keywordWords: [
    [1, 35],
    [2, 50],
    [3, 15],
  ],
  phraseShare: 0.05,
  exclusionShare: 0.05,
  romeWithKeywordsShare: 0.05,
  where: [
    ['commune', 65],
    ['department', 10],
    ['region', 5],
    ['none', 20],
  ],
  radiusKm: [
    [5, 10],
    [10, 25],
    [20, 30],
    [30, 15],
    [50, 12],
    [100, 8],
  ],
  romeWhere: [
    ['commune', 65],
    ['department', 10],
    ['region', 5],
    ['none', 20],
  ],
  placeOnlyWhere: [
    ['commune', 80],
    ['department', 20],
  ],
  placeOnlyRadiusKm: [
    [5, 25],
    [10, 35],
    [20, 25],
    [30, 10],
    [50, 4],
    [100, 1],
  ],
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
