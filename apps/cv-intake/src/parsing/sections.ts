import { fold, normaliseTypography } from './fold';

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

/**
 * Splits a CV's text into its sections by their headings. A heading alone on its line opens a
 * section; a heading followed by its content on the same line (« Langues : anglais C1 ») is a
 * one-line section, after which the previous section goes on. Lines before the first heading are
 * the preamble (name, title, contact details).
 */
export function splitSections(text: string): Section[] {
  const lines = normaliseTypography(text)
    // Extractors glue a heading to the previous paragraph (« …Deep learning.Education Details »).
    .replace(/(?<=\S)(Education Details|Skill Details|Company Details)/g, '\n$1')
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/\s+/g, ' ').trim());
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
    const inline = INLINE.exec(line);
    const inlineKind = inline?.[1] ? headingOf(inline[1]) : undefined;
    if (inline?.[2] && inlineKind) {
      sections.push({ kind: inlineKind, lines: [inline[2]] });
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
