import type { CvProfile } from '@vigie/contracts';
import type { CommuneDirectory } from '../cv-search/commune-directory.port';
import { experienceYears, type ParsedProfile, type ParsingDecision } from './build-profile';
import { cleanText } from './clean-text';
import { dateRangesIn } from './date-ranges';
import { contractTypesIn, desiredCommuneIn } from './desired-work';
import { educationIn } from './education';
import { experienceIn, looksLikeJobTitle, positionView } from './experience';
import { fold } from './fold';
import { labelledLanguagesIn, languagesIn } from './languages';
import { maskPersonalData, nameWordsOf } from './mask-personal-data';
import { linesOf, splitSections } from './sections';
import { languageItemsIn, skillItemsIn, vocabularySkillsIn } from './skills';

/** About 30 pages of text (UTF-16 units). */
export const MAX_PARSED_CHARS = 100_000;

const clip = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('');
const uniq = (xs: string[]) => [...new Map(xs.map((x) => [fold(x), x])).values()];

// Contact details and personal data in the preamble are never read as a name or a title.
const CONTACT =
  /@|https?:|www\.|\d{2}[\s.]\d{2}[\s.]\d{2}|\+\d|\d{5}|(?:^|\s)(?:tel|tél|phone|mobile|email|e-mail|adresse|address|linkedin|github)\b/iu;
const NAME_LINE =
  /^(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.|de|du|van|von|da|di|le|la)(?:\s+(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.|de|du|van|von|da|di|le|la)){1,3}$/u;

/** The name line of the preamble (to mask its words everywhere), if the first lines have one. */
function nameLineOf(preamble: readonly string[]): string | undefined {
  return preamble.slice(0, 3).find((l) => !CONTACT.test(l) && NAME_LINE.test(l) && !looksLikeJobTitle(l));
}

/**
 * A position written as a headline then again with its employer (« Data Scientist » then
 * « Data Scientist - Matelabs »), as some exports of job boards print an undated current job.
 */
function headlineOf(lines: readonly string[]): string | null {
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (line.length >= 2 && line.split(/\s+/).length <= 8 && next.startsWith(`${line} - `)) return line;
  }
  return null;
}

/** « 8 ans d'expérience », « 5+ years of experience »: the figure the candidate states. */
function statedYears(text: string): number | null {
  const m =
    /(?<!\d)(\d{1,2})(?:[.,]\d)?\s*\+?\s*(?:ans|annees|years?|yrs)\s*(?:d'|de |of )?\s*(?:solide )?(?:experience|exp\b)/u.exec(
      fold(text),
    );
  return m?.[1] ? Math.min(60, Number(m[1])) : null;
}

/**
 * The anonymised profile of a CV's free text (PDF, DOCX, ODT or plain text, French or English):
 * its sections are found by their headings, then each field is read from its section. The name
 * line, contact details and « informations personnelles » are never read into the profile (only
 * the city, resolved to a commune of the gazetteer); free text is masked, name words included.
 */
export function profileFromText(source: string, now: Date, communes?: CommuneDirectory): ParsedProfile {
  const decisions: ParsingDecision[] = [];
  // A CV is a few pages: beyond, the rest is not read (bounded work whatever the upload).
  const truncated = source.length > MAX_PARSED_CHARS;
  const text = cleanText(
    truncated ? source.slice(0, MAX_PARSED_CHARS).replace(/[\uD800-\uDBFF]$/, '') : source,
  );
  if (truncated) {
    decisions.push({
      step: 'parse',
      field: 'text',
      action: `only the first ${MAX_PARSED_CHARS} characters read`,
    });
  }
  const sections = splitSections(text);
  const preamble = linesOf(sections, 'preamble');
  const nameLine = nameLineOf(preamble);
  const nameWords = nameWordsOf(nameLine);
  const mask = (s: string) => maskPersonalData(s, nameWords);

  const periods = experienceIn(linesOf(sections, 'experience')).map((p) => ({
    ...p,
    title: p.title && mask(p.title),
    employer: p.employer && mask(p.employer),
  }));
  const latestFirst = [...periods].sort(
    (a, b) => (b.end ?? Infinity) - (a.end ?? Infinity) || b.start - a.start,
  );
  const pastTitles = uniq(latestFirst.map((p) => p.title ?? '').filter((t) => t.length > 0)).slice(0, 30);

  // The headline under the name is the title the candidate gives; elsewhere, only a job title.
  const usable = (l: string | undefined): l is string =>
    l !== undefined &&
    l !== nameLine &&
    !CONTACT.test(l) &&
    dateRangesIn(l).length === 0 &&
    l.split(/\s+/).length <= 8 &&
    !/[.;,]$/.test(l) &&
    Array.from(l).length <= 100;
  const underName = nameLine === undefined ? undefined : preamble[preamble.indexOf(nameLine) + 1];
  const titleLine = usable(underName) ? underName : preamble.find((l) => usable(l) && looksLikeJobTitle(l));
  const headline = headlineOf(sections.flatMap((sec) => sec.lines));
  const [title, how]: [string | null, string] = titleLine
    ? [
        mask(titleLine),
        titleLine === underName ? 'the line under the name' : 'a job title in the first lines',
      ]
    : pastTitles[0]
      ? [pastTitles[0], 'the latest position']
      : headline
        ? [mask(headline), 'the headline repeated with its employer']
        : [null, 'no title found'];
  decisions.push({ step: 'parse', field: 'title', action: how });

  const skillLines = linesOf(sections, 'skills');
  const skills = uniq(
    skillLines.length > 0
      ? skillItemsIn(skillLines)
      : vocabularySkillsIn(linesOf(sections, 'experience', 'summary', 'preamble', 'other')),
  )
    .slice(0, 200)
    .map((s) => clip(mask(s), 100));
  decisions.push({
    step: 'parse',
    field: 'skills',
    action:
      skillLines.length > 0
        ? `${skills.length} skills, the items of the skills section`
        : `${skills.length} skills of Vigie's vocabulary found in the text (no skills section)`,
  });

  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const years = experienceYears(periods, nowMonth) ?? statedYears(text);
  decisions.push({
    step: 'parse',
    field: 'experienceYears',
    action:
      periods.length > 0
        ? `${periods.length} periods of the experience section, overlaps counted once, open periods until today`
        : years === null
          ? 'no dated position and no stated experience'
          : 'the experience the CV states',
  });

  const education = educationIn(linesOf(sections, 'education'));
  decisions.push({
    step: 'anonymise',
    field: 'education',
    action: 'degrees and fields only: institutions and years dropped (age proxies)',
  });

  const languageLines = linesOf(sections, 'languages');
  // Without a languages section: languages written with a level, then those listed among skills.
  const languages = (
    languageLines.length > 0
      ? languagesIn(languageLines)
      : [
          ...new Map(
            [
              ...languageItemsIn(skillLines).map((code) => ({ code, level: null })),
              ...labelledLanguagesIn(linesOf(sections, 'skills', 'summary', 'other')),
            ].map((l) => [l.code, l]),
          ).values(),
        ]
  ).slice(0, 20);

  const wishLines = [...preamble, ...linesOf(sections, 'summary', 'search', 'personal', 'other')];
  const located = communes
    ? desiredCommuneIn(wishLines, [...preamble, ...linesOf(sections, 'personal')], communes)
    : null;
  decisions.push({
    step: 'parse',
    field: 'commune',
    action: located ? `${located.how}, in the gazetteer` : 'no commune of the gazetteer found',
  });
  const contractTypes = [
    ...new Set([...contractTypesIn(linesOf(sections, 'search'), true), ...contractTypesIn(wishLines)]),
  ];
  decisions.push({
    step: 'parse',
    field: 'contractTypes',
    action: `${contractTypes.length} contract types from what the candidate says they look for`,
  });

  const summaryLines = linesOf(sections, 'summary');
  const summary = summaryLines.length > 0 ? clip(mask(summaryLines.join('\n')), 5_000) : null;
  decisions.push({
    step: 'anonymise',
    field: 'summary',
    action:
      'e-mails, phones, links, addresses, birth dates, ages, family situation, nationality and the name masked',
  });
  decisions.push({
    step: 'anonymise',
    field: 'personal',
    action: 'the name line, contact details and personal information never read into the profile',
  });

  const commune = located?.commune ?? null;
  const profile: CvProfile = {
    title: title ? clip(title, 200) : null,
    pastTitles,
    skills: skills.filter((s) => s.length > 0),
    experienceYears: years,
    education: education.map((e) => ({ degree: mask(e.degree), field: e.field && mask(e.field) })),
    languages,
    commune: commune && {
      code: commune.code,
      name: commune.name,
      departmentCode: commune.departmentCode,
      regionCode: commune.regionCode,
    },
    geo: commune && commune.geo,
    contractTypes,
    summary,
  };
  return { profile, decisions, experience: periods.map(positionView) };
}
