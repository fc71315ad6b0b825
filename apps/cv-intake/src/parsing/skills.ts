import { fold } from './fold';
import { languageCode } from './languages';
import { SKILLS_VOCABULARY } from './skills-vocabulary';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A capitalised plain word (« Spring », « Word », « Tableau ») is a skill only with its capital:
// lower case it is running prose. Acronyms and names with symbols match in any case.
const PLAIN_WORD = /^\p{Lu}\p{Ll}+$/u;

const MATCHERS: ReadonlyArray<[string, RegExp]> = SKILLS_VOCABULARY.filter(
  // One or two letters (« C », « R », « Go ») are words of prose far more often than skills.
  (s) => s.length >= 3 || /[^\p{L}]/u.test(s),
).map((s) => [
  s,
  new RegExp(`(?<![\\p{L}\\d+#.])${escape(PLAIN_WORD.test(s) ? s : fold(s))}(?![\\p{L}\\d+#])`, 'u'),
]);

/** The vocabulary's skills found in running text (experience descriptions), in vocabulary order. */
export function vocabularySkillsIn(lines: readonly string[]): string[] {
  const text = lines.join('\n');
  const folded = fold(text);
  return MATCHERS.filter(([s, re]) => re.test(PLAIN_WORD.test(s) ? text : folded)).map(([s]) => s);
}

const NOISE =
  /^(?:and|et|etc|others?|autres?|divers|including|notamment|with|avec|tools?|outils|skills?|competences?|technologies|languages?|langages?|knowledge|connaissances?|experience|expérience|months?|mois|years?|ans|less than \d+ years?)$/iu;

/**
 * The items of a skills section: « Web : HTML, CSS, JavaScript », « • Soudure TIG », « Python
 * (pandas, numpy) » give each item; a category label before a colon is a skill too, as JSON
 * Resume's skills[].name is. Sentences, durations and language names are not skills.
 */
export function skillItemsIn(lines: readonly string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    // « JAVASCRIPT- Experience - 24 months »: a skill with its duration.
    const withDuration = /^(.{2,40}?)\s*-\s*(?:Experience|Exprience)\b/iu.exec(line);
    const parts = withDuration
      ? [withDuration[1]!]
      : line
          .replace(/[()[\]{}]/g, ',')
          .split(/[,;•·|▪►●◦\t]|\s[-–—*]\s|^[-–—*]\s|\s\*|:|\.\s|\s(?:and|et)\s/u);
    for (const raw of parts) {
      const item = raw.replace(/^[\s\-–—*•.]+|[\s\-–—*•.]+$/gu, '').replace(/\s+/g, ' ');
      if (item.length < 1 || Array.from(item).length > 40) continue;
      if (item.split(' ').length > 4 || NOISE.test(item) || /^\d/.test(item)) continue;
      if (languageCode(item)) continue;
      items.push(item);
    }
  }
  return items;
}
