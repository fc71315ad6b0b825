import type { CommuneDirectory } from '../cv-search/commune-directory.port';
import type { CvProfile } from '@vigie/contracts';
import type { JsonResume } from '../upload/json-resume';
import { type ExperiencePeriod, positionView, type PositionView } from './experience';
import { cefrOf, languageCode } from './languages';
import { maskPersonalData, nameWordsOf } from './mask-personal-data';

/** One line of the decision log: what the machine did, so the candidate can be told (C4). */
export interface ParsingDecision {
  /**
   * `correct`: the candidate replaced the parsed profile (what the machine then masked is said);
   * `suggest`: an alert proposed from the profile, and its acceptance.
   */
  step: 'parse' | 'anonymise' | 'correct' | 'suggest';
  field: string;
  action: string;
}

export interface ParsedProfile {
  profile: CvProfile;
  decisions: ParsingDecision[];
  /** The dated positions, for the candidate only: employers never reach the index or events. */
  experience?: PositionView[];
}

/** "2020", "2020-04", "2020-04-01" → months since year 0; undefined when not a date. */
function monthOf(date: string | undefined): number | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date ?? '');
  if (!m?.[1]) return undefined;
  return Number(m[1]) * 12 + (m[2] ? Number(m[2]) - 1 : 0);
}

/**
 * Total experience from periods, overlaps counted once (two jobs at a time are not two years).
 * An open period ends at `nowMonth`.
 */
export function experienceYears(
  periods: Array<{ start?: number; end?: number }>,
  nowMonth: number,
): number | null {
  const spans = periods
    .filter((p): p is { start: number; end?: number } => p.start !== undefined)
    .map((p) => [p.start, Math.max(p.start + 1, p.end ?? nowMonth)] as const)
    .sort((a, b) => a[0] - b[0]);
  if (spans.length === 0) return null;
  let months = 0;
  let [curStart, curEnd] = spans[0] ?? [0, 0];
  for (const [s, e] of spans.slice(1)) {
    if (s <= curEnd) curEnd = Math.max(curEnd, e);
    else {
      months += curEnd - curStart;
      [curStart, curEnd] = [s, e];
    }
  }
  months += curEnd - curStart;
  return Math.min(60, Math.round((months / 12) * 10) / 10);
}

const clip = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('');
const uniq = (xs: string[]) => [...new Map(xs.map((x) => [x.toLowerCase(), x])).values()];

/**
 * The anonymised profile of a JSON Resume: by construction it never reads the name, image, e-mail,
 * phone, URL, profiles or street address (only the city and postal code, resolved to a commune of
 * the gazetteer when `communes` is given); free text is masked, including the candidate's own name words.
 */
export function profileFromJsonResume(
  resume: JsonResume,
  now: Date,
  communes?: CommuneDirectory,
): ParsedProfile {
  const decisions: ParsingDecision[] = [];
  const nameWords = nameWordsOf(resume.basics?.name);
  const work = resume.work ?? [];
  const titles = uniq(work.map((w) => w.position ?? '').filter((t) => t.trim().length > 0)).map((t) =>
    clip(t, 200),
  );
  const title = resume.basics?.label?.trim() ? clip(resume.basics.label, 200) : (titles[0] ?? null);
  decisions.push({
    step: 'parse',
    field: 'title',
    action: resume.basics?.label ? 'taken from basics.label' : 'taken from the latest work position',
  });
  const skills = uniq(
    (resume.skills ?? [])
      .flatMap((s) => [s.name ?? '', ...(s.keywords ?? [])])
      .filter((s) => s.trim().length > 0),
  )
    .slice(0, 200)
    .map((s) => clip(s, 100));
  decisions.push({
    step: 'parse',
    field: 'skills',
    action: `${skills.length} skills from skills[].name and keywords`,
  });
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const years = experienceYears(
    work.map((w) => ({ start: monthOf(w.startDate), end: monthOf(w.endDate) })),
    nowMonth,
  );
  decisions.push({
    step: 'parse',
    field: 'experienceYears',
    action: 'sum of work periods, overlaps counted once, open periods until today',
  });
  const education = (resume.education ?? [])
    .filter((e) => (e.studyType ?? e.area ?? '').trim().length > 0)
    .slice(0, 20)
    .map((e) => ({
      degree: clip(e.studyType?.trim() || e.area || '', 200),
      field: e.area?.trim() ? clip(e.area, 200) : null,
    }));
  decisions.push({
    step: 'anonymise',
    field: 'education',
    action: 'institutions and years dropped (age proxies)',
  });
  const languages = (resume.languages ?? [])
    .map((l) => {
      const code = languageCode(l.language);
      const level = cefrOf(l.fluency ?? (l as { level?: string }).level);
      return code ? { code, level } : undefined;
    })
    .filter((l): l is CvProfile['languages'][number] => l !== undefined)
    .slice(0, 20);
  const summarySource = resume.basics?.summary ?? '';
  const summary = summarySource.trim() ? clip(maskPersonalData(summarySource, nameWords), 5_000) : null;
  decisions.push({
    step: 'anonymise',
    field: 'summary',
    action:
      'e-mails, phones, links, addresses, birth dates, ages, family situation, nationality and the name masked',
  });
  decisions.push({
    step: 'anonymise',
    field: 'basics',
    action: 'name, photo, e-mail, phone, links and address never read into the profile',
  });
  const location = resume.basics?.location;
  const commune =
    communes && location?.city?.trim() ? communes.locate(location.city, location.postalCode) : null;
  decisions.push({
    step: 'parse',
    field: 'commune',
    action: commune
      ? 'the commune of basics.location.city, as the place to work (the street address is never read)'
      : 'no commune: basics.location.city is missing or not a commune of the gazetteer',
  });
  return {
    profile: {
      title: title ? maskPersonalData(title, nameWords) : null,
      pastTitles: titles.slice(0, 30).map((t) => maskPersonalData(t, nameWords)),
      skills,
      experienceYears: years,
      education,
      languages,
      commune: commune && {
        code: commune.code,
        name: commune.name,
        departmentCode: commune.departmentCode,
        regionCode: commune.regionCode,
      },
      geo: commune && commune.geo,
      contractTypes: [],
      summary,
    },
    decisions,
    experience: work
      .map((w) => ({
        start: monthOf(w.startDate),
        end: monthOf(w.endDate),
        title: w.position?.trim() ? maskPersonalData(clip(w.position, 200), nameWords) : null,
        employer: w.name?.trim() ? maskPersonalData(clip(w.name, 200), nameWords) : null,
      }))
      .filter((p): p is ExperiencePeriod => p.start !== undefined)
      .slice(0, 50)
      .map(positionView),
  };
}
