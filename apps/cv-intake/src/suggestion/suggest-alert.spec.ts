import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuery } from '@vigie/analysis';
import { type CvProfile, CvProfileSchema } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import { CV_RICH_IN_PROTECTED_ATTRIBUTES, PROTECTED_MARKERS, sharedDataDir } from '@vigie/testing';
// alert-matcher's own validation of a creation body: the suggestion must pass it unchanged.
import { AlertCriteriaPolicy } from '../../../alert-matcher/src/alerts/alert-criteria';
import { AlertInputSchema } from '../../../alert-matcher/src/alerts/alert-input.schema';
import { GazetteerCommuneDirectory } from '../cv-search/gazetteer-commune-directory';
import { profileFromJsonResume } from '../parsing/build-profile';
import { parseJsonResume } from '../upload/json-resume';
import { radiusKmFor, suggestAlert } from './suggest-alert';
import { MAX_TITLE_KEYWORDS, titleKeywords } from './title-keywords';

const NOW = new Date('2026-12-01T00:00:00Z');
const gazetteer = loadGazetteer();
const communes = new GazetteerCommuneDirectory(gazetteer);
const populationOf = (code: string) => communes.population(code);
const policy = new AlertCriteriaPolicy(gazetteer);

/** What alert-matcher does with a creation body: its schema, then its criteria rules. */
function acceptedByAlertMatcher(body: unknown) {
  const input = AlertInputSchema.parse(body);
  return policy.fromInput(input);
}

const profileOf = (fields: Partial<CvProfile>): CvProfile =>
  CvProfileSchema.parse({
    title: null,
    pastTitles: [],
    skills: [],
    experienceYears: null,
    education: [],
    languages: [],
    commune: null,
    geo: null,
    contractTypes: [],
    summary: null,
    ...fields,
  });

const lyon = communes.commune('69123')!;
const lyonRef = {
  code: lyon.code,
  name: lyon.name,
  departmentCode: lyon.departmentCode,
  regionCode: lyon.regionCode,
};

/** The required terms alert-matcher matches an alert's `q` by (analysed, with their synonyms). */
const matchInputOf = (q: string) =>
  parseQuery(q).required.map((t) => t.alternatives.map((a) => a.map((x) => x.term).join(' ')).sort());

describe('suggestAlert', () => {
  it('proposes title words, commune and contract that alert-matcher accepts as they are, nothing protected', () => {
    const rich = {
      ...CV_RICH_IN_PROTECTED_ATTRIBUTES,
      basics: { ...CV_RICH_IN_PROTECTED_ATTRIBUTES.basics, label: 'Infirmière de bloc opératoire (H/F)' },
    };
    const parsed = profileFromJsonResume(parseJsonResume(JSON.stringify(rich)), NOW, communes).profile;
    // The candidate says what they look for in their correction (a JSON Resume has no contract).
    const profile = { ...parsed, contractTypes: ['cdi' as const] };

    const suggestion = suggestAlert(profile, populationOf)!;

    const criteria = acceptedByAlertMatcher(suggestion.body);
    expect(criteria).toEqual(suggestion.body.criteria);
    expect(criteria).toMatchObject({
      q: 'Infirmière bloc opératoire',
      where: { kind: 'commune', communeCode: '69123', radiusKm: 10 },
      contractTypes: ['cdi'],
    });
    const serialised = JSON.stringify(suggestion).toLowerCase();
    for (const marker of PROTECTED_MARKERS)
      expect({ marker, found: serialised.includes(marker.toLowerCase()) }).toEqual({ marker, found: false });
    // The gender marker is told in the decision log as left out, never sent.
    expect(JSON.stringify(suggestion.body).toLowerCase()).not.toContain('h/f');
    expect(suggestion.decisions.map((d) => [d.step, d.field])).toEqual([
      ['suggest', 'title'],
      ['suggest', 'title'],
      ['suggest', 'commune'],
      ['suggest', 'contractTypes'],
    ]);
  });

  it('reads only the title, commune and contracts: the rest of the profile changes nothing', () => {
    const base = profileOf({ title: 'Comptable', commune: lyonRef, geo: lyon.geo, contractTypes: ['cdd'] });
    const rich = {
      ...base,
      skills: ['Sage', 'Excel'],
      experienceYears: 31,
      education: [{ degree: 'DCG', field: 'Comptabilité' }],
      languages: [{ code: 'ar', level: 'C2' as const }],
      summary: 'Mère de trois enfants, 54 ans.',
    };

    expect(suggestAlert(rich, populationOf)!.body).toEqual(suggestAlert(base, populationOf)!.body);
  });

  it('makes the same match input from a feminine or a masculine title', () => {
    const pairs: Array<[string, string]> = [
      ['Infirmière de bloc', 'Infirmier de bloc'],
      ['Vendeuse H/F', 'Vendeur'],
      ['Ambassadrice de marque', 'Ambassadeur de marque'],
      ['Coordinatrice logistique', 'Coordinateur logistique'],
    ];
    for (const [feminine, masculine] of pairs) {
      const f = titleKeywords(feminine).words.join(' ');
      const m = titleKeywords(masculine).words.join(' ');
      expect({ feminine, input: matchInputOf(f) }).toEqual({ feminine, input: matchInputOf(m) });
    }
    // ESCO's pairs the chain does not join are written in their masculine form.
    expect(titleKeywords('Ambassadrice de marque').words).toEqual(['ambassadeur', 'marque']);
  });

  it.each([
    ['Jeune développeur web senior', ['développeur', 'web'], ['Jeune', 'senior']],
    ['[nom masqué] Comptable unique', ['Comptable', 'unique'], []],
    ['Chef de projet "digital" -junior', ['Chef', 'projet', 'digital'], ['junior']],
    ['Développeur développeurs Java', ['Développeur', 'Java'], []],
  ])('title « %s » → %j, leaving out %j as personal', (title, words, personal) => {
    const kw = titleKeywords(title);
    expect(kw.words).toEqual(words);
    expect(kw.dropped.filter((d) => d.reason === 'personal').map((d) => d.word)).toEqual(personal);
  });

  it(`keeps at most ${MAX_TITLE_KEYWORDS} words, each one a term of the analysis chain`, () => {
    const kw = titleKeywords('Responsable des ventes grands comptes export Europe du Nord');
    expect(kw.words).toEqual(['Responsable', 'ventes', 'grands', 'comptes']);
    expect(kw.dropped.map((d) => d.word)).toEqual(['des', 'export', 'Europe', 'du', 'Nord']);
  });

  it('sizes the radius by the commune: 10 km in a large city, 20 km in a town, 30 km elsewhere', () => {
    expect(radiusKmFor(populationOf('75056'))).toBe(10);
    const town = gazetteer.communesNamed('Vienne').find((c) => c.departmentCode === '38')!;
    expect(radiusKmFor(populationOf(town.code))).toBe(20);
    const village = gazetteer.communesNamed('Lyons-la-Forêt')[0]!;
    expect(radiusKmFor(populationOf(village.code))).toBe(30);
    expect(radiusKmFor(null)).toBe(30);
  });

  it('falls back to the latest past title, suggests a place alone, and nothing without either', () => {
    const past = suggestAlert(profileOf({ pastTitles: ['Cariste'] }), populationOf)!;
    expect(past.body.criteria).toMatchObject({ q: 'Cariste', where: null });
    expect(past.decisions[0]).toMatchObject({ field: 'pastTitles' });

    const placeOnly = suggestAlert(
      profileOf({ title: 'H/F', commune: lyonRef, geo: lyon.geo }),
      populationOf,
    )!;
    expect(acceptedByAlertMatcher(placeOnly.body)).toMatchObject({
      q: null,
      where: { communeCode: '69123' },
    });

    expect(suggestAlert(profileOf({ title: 'de la' }), populationOf)).toBeUndefined();
  });

  it('suggests alerts alert-matcher accepts for the rich CV and every real JSON Resume sample', () => {
    const resumes = [JSON.stringify(CV_RICH_IN_PROTECTED_ATTRIBUTES)];
    const dir = sharedDataDir();
    if (dir) {
      const folder = join(dir, 'jsonresume_samples');
      for (const f of readdirSync(folder).filter((x) => x.endsWith('.resume.json') || x.includes('_jrs_')))
        resumes.push(readFileSync(join(folder, f), 'utf8'));
    } else console.log('NOTICE: ../shared/data is absent; only the built-in CV is checked');
    let suggested = 0;
    for (const raw of resumes) {
      const { profile } = profileFromJsonResume(parseJsonResume(raw), NOW, communes);
      const suggestion = suggestAlert(profile, populationOf);
      if (!suggestion) continue;
      suggested += 1;
      expect(acceptedByAlertMatcher(suggestion.body)).toEqual(suggestion.body.criteria);
    }
    expect(suggested).toBeGreaterThan(resumes.length / 2);
  });
});
