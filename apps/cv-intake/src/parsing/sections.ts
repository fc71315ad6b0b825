import { fold, normaliseTypography } from './fold';
import { languagesIn } from './languages';

export type SectionKind =
  | 'preamble'
  | 'summary'
  | 'experience'
  | 'education'
  | 'skills'
  | 'languages'
  | 'search'
  | 'personal'
  | 'other';

export interface Section {
  kind: SectionKind;
  lines: string[];
}

// Headings in French and English, folded (no accents, lower case), without their trailing colon.
const HEADINGS: ReadonlyArray<[SectionKind, RegExp]> = [
  [
    'experience',
    /^(?:experiences?(?: professionnelles?| pro)?|parcours(?: professionnel)?|emplois? occupes?|historique professionnel|(?:work|professional|relevant) experiences?|experience details|employment(?: history)?|work history|career(?: history)?|company details)$/,
  ],
  [
    'education',
    /^(?:formations?(?: initiale| academique| et diplomes)?|diplomes?(?: et formations?)?|etudes|cursus|scolarite|education(?: details| and training| & training)?|academic (?:background|qualifications?|details)|educational qualifications?|qualifications?)$/,
  ],
  [
    'skills',
    /^(?:competences?(?: techniques| cles| professionnelles| informatiques)?|savoir-faire|savoir-etre|outils(?: et logiciels)?|logiciels|informatique|(?:technical |key |core |it |soft |hard )?skills?(?: details| set|set| & tools| and tools)?|core competenc(?:ies|es)|competencies|expertise|technologies|technical proficiency)$/,
  ],
  ['languages', /^(?:langues?(?: etrangeres| parlees)?|languages?(?: known| skills| spoken)?)$/],
  [
    'summary',
    /^(?:profil(?: professionnel)?|a propos(?: de moi)?|resume|presentation|summary|professional summary|career summary|profile|about(?: me)?|objectif(?: professionnel)?|(?:career )?objective)$/,
  ],
  [
    'search',
    /^(?:poste recherche|recherche|souhaits?|mobilite|disponibilite|type de contrat|contrat recherche|looking for|desired (?:position|job)|job preferences?|availability)$/,
  ],
  [
    'personal',
    /^(?:informations? personnelles?|etat civil|coordonnees|contact|personal (?:details|information|data|profile)|centres? d'interets?|loisirs|interets|interests|hobbies|references?|declaration)$/,
  ],
  [
    'other',
    /^(?:certifications?|projets?(?: personnels| professionnels)?|projects?(?: details)?|publications?|benevolat|volunteer(?:ing)?|awards?|achievements?|activites|associations?|permis)$/,
  ],
];

function headingOf(candidate: string): SectionKind | undefined {
  const f = fold(candidate)
    .replace(/^[\s#*•\-–—=_>|\d.]+/u, '')
    .replace(/[\s:：.\-–—=_|]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (f.length === 0 || f.length > 50) return undefined;
  return HEADINGS.find(([, pattern]) => pattern.test(f))?.[0];
}

// « Compétences : Java, SQL », « Skills * Python » : a heading and its content on one line.
const INLINE = /^\s*([\p{L}' &-]{3,40}?)\s*(?::|：|\s\*|\s•|\s[-–—]\s)\s*(.+)$/u;

/** A heading and its content on one line: « Langues : anglais », « SKILLS C Basics, IOT ». */
function inlineHeading(line: string): { kind: SectionKind; content: string } | undefined {
  const m = INLINE.exec(line);
  const kind = m?.[1] ? headingOf(m[1]) : undefined;
  if (m?.[2] && kind) return { kind, content: m[2] };
  // Without a separator, only a heading written in capitals is told from the words after it.
  const words = line.split(/\s+/);
  for (let k = 1; k <= Math.min(4, words.length - 1); k++) {
    const head = words.slice(0, k).join(' ');
    if (!/^[\p{Lu}' &-]+$/u.test(head)) break;
    const capitalKind = headingOf(head);
    if (capitalKind) return { kind: capitalKind, content: words.slice(k).join(' ') };
  }
  return undefined;
}

/**
 * Splits a CV's text into its sections by their headings. A heading alone on its line opens a
 * section; a heading followed by its content on the same line (« Langues : anglais C1 ») is a
 * one-line section, after which the previous section goes on. Lines before the first heading are
 * the preamble (name, title, contact details).
 */
export function splitSections(text: string): Section[] {
  const lines = normaliseTypography(text)
    // Extractors glue a heading to the previous paragraph (« …Deep learning.Education Details »).
    .replace(/(?<=\S)[ \t]*(Education Details|Skill Details|Company Details)/g, '\n$1')
    .split(/\r?\n|\r/)
    // Two spaces or more stay two: exports separate columns with them (« MBA   SNS College »).
    .map((l) => l.replace(/\s+/g, (gap) => (gap.length >= 2 ? '  ' : ' ')).trim());
  const sections: Section[] = [{ kind: 'preamble', lines: [] }];
  let current = sections[0]!;
  for (const line of lines) {
    if (line.length === 0) continue;
    const heading = headingOf(line);
    if (heading) {
      current = { kind: heading, lines: [] };
      sections.push(current);
      continue;
    }
    const inline = inlineHeading(line);
    // « Project: Agile, JIRA » inside a skills section is a category of skills, not a heading.
    const category =
      current.kind === 'skills' &&
      (inline?.kind === 'other' ||
        inline?.kind === 'skills' ||
        // « Languages: Python, SQL » are programming languages.
        (inline?.kind === 'languages' && languagesIn([inline.content]).length === 0));
    if (inline && !category) {
      sections.push({ kind: inline.kind, lines: [inline.content] });
      const resumed: Section = { kind: current.kind, lines: [] };
      sections.push(resumed);
      current = resumed;
      continue;
    }
    current.lines.push(line);
  }
  return sections.filter((s) => s.lines.length > 0);
}

export function linesOf(sections: readonly Section[], ...kinds: SectionKind[]): string[] {
  return sections.filter((s) => kinds.includes(s.kind)).flatMap((s) => s.lines);
}
