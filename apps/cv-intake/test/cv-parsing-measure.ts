/**
 * Field-level precision and recall of the free-text parser (profileFromText), for
 * `npm run measure:cv-parsing` and its regression test. Two sets, both read from ../shared/data
 * at measure time only (the product never reads it):
 *  - the JSON Resume samples rendered to text, in English and in French (French headings, month
 *    names and a « Recherche : CDI, mobilité : <ville> » line with a French city substituted for
 *    the sample's, so that communes and contract types have a truth): the truth is what
 *    profileFromJsonResume reads from the JSON, plus the substituted city and contract;
 *  - CVs of the Kaggle UpdatedResumeDataSet labelled by reading them (cv-parsing-labels.json).
 */
import type { CvProfile } from '@vigie/contracts';
import { readJsonLines, repoRoot } from '@vigie/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommuneDirectory } from '../src/cv-search/commune-directory.port';
import { profileFromJsonResume } from '../src/parsing/build-profile';
import { fold } from '../src/parsing/fold';
import { profileFromText } from '../src/parsing/free-text-profile';
import { type JsonResume, parseJsonResume } from '../src/upload/json-resume';

export const MEASURE_NOW = new Date('2026-12-01T00:00:00Z');

export const FIELDS = [
  'title',
  'skills',
  'languages',
  'experienceYears',
  'education',
  'commune',
  'contractTypes',
] as const;
export type Field = (typeof FIELDS)[number];

/** What a CV truly says; a field left undefined is not scored for that CV. */
export type Truth = Partial<{
  title: string | null;
  skills: string[];
  languages: Array<{ code: string; level: string | null }>;
  experienceYears: number | null;
  education: string[];
  commune: string | null;
  contractTypes: string[];
}>;

export interface LabelledText {
  name: string;
  set: 'json-resume-en' | 'json-resume-fr' | 'labelled-text';
  text: string;
  truth: Truth;
}

const FR_MONTHS = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// French cities substituted in the French renderings (with the postal code a CV would write).
const FR_CITIES: ReadonlyArray<[string, string]> = [
  ['Lyon', '69003'],
  ['Nantes', '44000'],
  ['Lille', '59000'],
  ['Bordeaux', '33000'],
  ['Toulouse', '31000'],
  ['Rennes', '35000'],
  ['Strasbourg', '67000'],
  ['Montpellier', '34000'],
];
const FR_CONTRACTS: ReadonlyArray<[string, string[]]> = [
  ['CDI', ['cdi']],
  ['CDI ou freelance', ['cdi', 'freelance']],
  ['CDD', ['cdd']],
  ['alternance', ['apprenticeship']],
];

function dateText(date: string | undefined, lang: 'en' | 'fr', open: boolean): string {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date ?? '');
  if (!m) return open ? (lang === 'fr' ? "aujourd'hui" : 'Present') : '';
  if (!m[2]) return m[1]!;
  const month = Number(m[2]) - 1;
  return lang === 'fr' ? `${FR_MONTHS[month]} ${m[1]}` : `${EN_MONTHS[month]} ${m[1]}`;
}

/** A JSON Resume as a person would lay it out in a text CV, with French or English headings. */
export function renderJsonResume(
  r: JsonResume,
  lang: 'en' | 'fr',
  place?: { city: string; postalCode: string; contract: string },
): string {
  const b = r.basics ?? {};
  const fr = lang === 'fr';
  const out: string[] = [];
  if (b.name) out.push(b.name);
  if (b.label) out.push(b.label);
  const where = place
    ? `${place.postalCode} ${place.city}`
    : [b.location?.city, b.location?.region].filter(Boolean).join(', ');
  out.push([where, b.phone, b.email].filter(Boolean).join(' · '));
  if (b.summary) out.push('', fr ? 'Profil' : 'Summary', b.summary);
  if (r.work?.length) {
    out.push('', fr ? 'Expérience professionnelle' : 'Work Experience');
    for (const w of r.work) {
      const range = `${dateText(w.startDate, lang, false)} – ${dateText(w.endDate, lang, true)}`;
      if (fr) out.push(`${range} : ${w.position ?? ''} chez ${w.name ?? ''}`);
      else out.push(`${w.position ?? ''}, ${w.name ?? ''}`, range);
      if (w.summary) out.push(w.summary);
      for (const h of w.highlights ?? []) out.push(`• ${h}`);
    }
  }
  if (r.education?.length) {
    out.push('', fr ? 'Formation' : 'Education');
    for (const e of r.education) {
      const years = [e.startDate?.slice(0, 4), e.endDate?.slice(0, 4)].filter(Boolean).join(' – ');
      const degree = [e.studyType, e.area].filter(Boolean).join(fr ? ' en ' : ' in ');
      out.push(
        fr ? `${degree}, ${e.institution ?? ''} (${years})` : `${degree} — ${e.institution ?? ''}, ${years}`,
      );
    }
  }
  if (r.skills?.length) {
    out.push('', fr ? 'Compétences' : 'Skills');
    for (const s of r.skills) {
      const keywords = (s.keywords ?? []).join(', ');
      out.push(keywords ? `${s.name ?? ''}${fr ? ' : ' : ': '}${keywords}` : (s.name ?? ''));
    }
  }
  if (r.languages?.length) {
    out.push('', fr ? 'Langues' : 'Languages');
    const level = (l: { fluency?: string; level?: string }) => l.fluency ?? l.level;
    out.push(r.languages.map((l) => `${l.language ?? ''}${level(l) ? ` (${level(l)})` : ''}`).join(', '));
  }
  if (place) out.push('', 'Recherche', `${place.contract}, mobilité : ${place.city}`);
  return out.join('\n');
}

function truthOfJsonResume(r: JsonResume, communes: CommuneDirectory): Truth {
  const p = profileFromJsonResume(r, MEASURE_NOW, communes).profile;
  return {
    title: p.title,
    skills: p.skills,
    languages: p.languages,
    experienceYears: p.experienceYears,
    education: p.education.map((e) => e.degree),
    commune: p.commune?.code ?? null,
    contractTypes: [],
  };
}

/** The labelled texts; undefined when ../shared/data is absent (the caller says so). */
export function labelledTexts(dataDir: string, communes: CommuneDirectory): LabelledText[] {
  const folder = join(dataDir, 'jsonresume_samples');
  const samples = readdirSync(folder)
    .filter((f) => f.endsWith('.resume.json') || f.includes('_jrs_'))
    .sort();
  const out: LabelledText[] = [];
  samples.forEach((file, i) => {
    const resume = parseJsonResume(readFileSync(join(folder, file), 'utf8'));
    const truth = truthOfJsonResume(resume, communes);
    out.push({ name: `${file} (en)`, set: 'json-resume-en', text: renderJsonResume(resume, 'en'), truth });
    const [city, postalCode] = FR_CITIES[i % FR_CITIES.length]!;
    const [contract, contractTypes] = FR_CONTRACTS[i % FR_CONTRACTS.length]!;
    out.push({
      name: `${file} (fr, ${city})`,
      set: 'json-resume-fr',
      text: renderJsonResume(resume, 'fr', { city, postalCode, contract }),
      truth: { ...truth, commune: communes.locate(city, postalCode)?.code ?? null, contractTypes },
    });
  });
  const labels = JSON.parse(
    readFileSync(join(repoRoot(), 'apps/cv-intake/test/cv-parsing-labels.json'), 'utf8'),
  ) as { cvs: Array<Truth & { id: number }> };
  const texts = new Map(
    readJsonLines<{ id: number; resume_text: string }>(
      join(dataDir, 'resumes_updatedresumedataset.jsonl'),
    ).map((r) => [r.id, r.resume_text]),
  );
  for (const { id, ...truth } of labels.cvs) {
    const text = texts.get(id);
    if (text === undefined) throw new Error(`labelled CV ${id} is not in resumes_updatedresumedataset.jsonl`);
    out.push({ name: `resume ${id}`, set: 'labelled-text', text, truth: { contractTypes: [], ...truth } });
  }
  return out;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export type FieldScores = Record<Field, Counts & { precision: number | null; recall: number | null }>;

const norm = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
const sameDegree = (a: string, b: string) => {
  const [x, y] = [norm(a).replace(/ /g, ''), norm(b).replace(/ /g, '')];
  return x.length > 0 && y.length > 0 && (x.startsWith(y) || y.startsWith(x));
};

/** Set comparison: each truth item matched at most once. */
function setCounts<T>(predicted: readonly T[], truth: readonly T[], same: (p: T, t: T) => boolean): Counts {
  const left = [...truth];
  let tp = 0;
  for (const p of predicted) {
    const i = left.findIndex((t) => same(p, t));
    if (i >= 0) {
      tp++;
      left.splice(i, 1);
    }
  }
  return { tp, fp: predicted.length - tp, fn: left.length };
}

function singleCounts<T>(predicted: T | null, truth: T | null, same: (p: T, t: T) => boolean): Counts {
  if (predicted === null) return { tp: 0, fp: 0, fn: truth === null ? 0 : 1 };
  if (truth === null) return { tp: 0, fp: 1, fn: 0 };
  return same(predicted, truth) ? { tp: 1, fp: 0, fn: 0 } : { tp: 0, fp: 1, fn: 1 };
}

export function scoreProfile(p: CvProfile, t: Truth): Partial<Record<Field, Counts>> {
  const out: Partial<Record<Field, Counts>> = {};
  if (t.title !== undefined) out.title = singleCounts(p.title, t.title, (a, b) => norm(a) === norm(b));
  if (t.skills) out.skills = setCounts(p.skills, t.skills, (a, b) => norm(a) === norm(b));
  if (t.languages) {
    out.languages = setCounts(
      p.languages,
      t.languages,
      (a, b) => a.code === b.code && (b.level === null || a.level === b.level),
    );
  }
  // Within a year of the truth: « 2018 » and « janv. 2018 » are both fair readings.
  if (t.experienceYears !== undefined) {
    out.experienceYears = singleCounts(p.experienceYears, t.experienceYears, (a, b) => Math.abs(a - b) <= 1);
  }
  if (t.education)
    out.education = setCounts(
      p.education.map((e) => e.degree),
      t.education,
      sameDegree,
    );
  if (t.commune !== undefined)
    out.commune = singleCounts(p.commune?.code ?? null, t.commune, (a, b) => a === b);
  if (t.contractTypes) out.contractTypes = setCounts(p.contractTypes, t.contractTypes, (a, b) => a === b);
  return out;
}

export interface MeasureResult {
  cvs: number;
  bySet: Record<string, FieldScores>;
  all: FieldScores;
  /** Each CV's misses, for reading what to mend. */
  errors: Array<{ name: string; field: Field; predicted: unknown; truth: unknown }>;
}

function emptyScores(): Record<Field, Counts> {
  return Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
}
function withRates(c: Record<Field, Counts>): FieldScores {
  const r = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
  return Object.fromEntries(
    FIELDS.map((f) => [
      f,
      { ...c[f], precision: r(c[f].tp, c[f].tp + c[f].fp), recall: r(c[f].tp, c[f].tp + c[f].fn) },
    ]),
  ) as FieldScores;
}

export function measureCvParsing(texts: readonly LabelledText[], communes: CommuneDirectory): MeasureResult {
  const all = emptyScores();
  const bySet: Record<string, Record<Field, Counts>> = {};
  const errors: MeasureResult['errors'] = [];
  for (const t of texts) {
    const profile = profileFromText(t.text, MEASURE_NOW, communes).profile;
    const scores = scoreProfile(profile, t.truth);
    const set = (bySet[t.set] ??= emptyScores());
    for (const f of FIELDS) {
      const c = scores[f];
      if (!c) continue;
      for (const k of ['tp', 'fp', 'fn'] as const) {
        all[f][k] += c[k];
        set[f][k] += c[k];
      }
      if (c.fp + c.fn > 0) {
        const predicted =
          f === 'commune'
            ? (profile.commune?.code ?? null)
            : f === 'education'
              ? profile.education.map((e) => e.degree)
              : profile[f];
        errors.push({ name: t.name, field: f, predicted, truth: t.truth[f] });
      }
    }
  }
  return {
    cvs: texts.length,
    all: withRates(all),
    bySet: Object.fromEntries(Object.entries(bySet).map(([k, v]) => [k, withRates(v)])),
    errors,
  };
}
