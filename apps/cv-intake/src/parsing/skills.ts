import { fold } from './fold';
import { languageCode } from './languages';
import { SKILLS_VOCABULARY } from './skills-vocabulary';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Skills that are also everyday words (« Spring », « Word », « Tableau ») count only with their
// capital: in lower case they are running prose. Every other skill matches in any case.
const EVERYDAY_WORDS = new Set([
  'Word',
  'Spring',
  'Express',
  'Vue',
  'Unity',
  'Tableau',
  'Shell',
  'Apache',
  'Oracle',
  'Hive',
  'Spark',
  'Looker',
  'Sales',
  'Law',
  'Training',
  'Teaching',
  'Communication',
  'Quality',
  'Droit',
  'Vente',
  'Achats',
  'Contrats',
  'Froid',
  'Peinture',
  'Cuisine',
  'Animation',
  'Accompagnement',
  'Sécurité',
  'Qualité',
  'Hygiène',
  'Couverture',
  'Chauffage',
  'Juridique',
  'Audit',
  'Lean',
  'Maintenance',
  'Marketing',
  'Logistique',
  'Logistics',
  'Enseignement',
  'Pédagogie',
  'Elevage',
  'Élevage',
  'Automation',
  'Electricity',
  'Électricité',
  'Statistics',
  'Statistiques',
  'Nursing',
]);
interface Matcher {
  skill: string;
  pattern: RegExp;
  /** Matched against the text as written (everyday words) or folded (every other skill). */
  caseSensitive: boolean;
}

const MATCHERS: readonly Matcher[] = SKILLS_VOCABULARY.filter(
  // One or two letters (« C », « R », « Go ») are words of prose far more often than skills.
  (s) => s.length >= 3 || /[^\p{L}]/u.test(s),
).map((skill) => {
  const caseSensitive = EVERYDAY_WORDS.has(skill);
  const literal = escape(caseSensitive ? skill : fold(skill));
  return { skill, caseSensitive, pattern: new RegExp(`(?<![\\p{L}\\d+#.])${literal}(?![\\p{L}\\d+#])`, 'u') };
});

/** The vocabulary's skills found in running text (experience descriptions), in vocabulary order. */
export function vocabularySkillsIn(lines: readonly string[]): string[] {
  const text = lines.join('\n');
  const folded = fold(text);
  return MATCHERS.filter((m) => m.pattern.test(m.caseSensitive ? text : folded)).map((m) => m.skill);
}

const NOISE =
  /^(?:and|et|etc|others?|autres?|divers|including|notamment|with|avec|tools?|outils|skills?|competences?|technologies|languages?|langages?|knowledge|connaissances?|experience|expérience|months?|mois|years?|ans|less than \d+ years?)$/iu;

/** The items of a skills list, cleaned: « Python (pandas, numpy) » → Python, pandas, numpy. */
function itemsOf(lines: readonly string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    // « JAVASCRIPT- Experience - 24 months »: skills with their duration.
    const segments = line
      .replace(/[.\s]*-\s*(?:Experience|Exprience)\s*-.*$/iu, '')
      .replace(/[()[\]{}]/g, ',')
      .split(/[;•·|▪►●◦\t]|\s[-–—*]\s|^[-–—*]\s|\s\*|\.\s/u);
    // A segment with a long clause is prose written after the list, not more items.
    const parts = segments
      .map((segment) => segment.split(/[,:]|\s(?:and|et)\s/u))
      .filter((pieces) => pieces.every((p) => p.trim().split(/\s+/).length <= 6))
      .flat();
    for (const raw of parts) {
      const item = raw
        .trim()
        .replace(
          /^(?:experience (?:in|with)|proficient (?:in|with)|knowledge of|good knowledge of|maitrise d[eu']|connaissance d[eu'])\s*/iu,
          '',
        )
        .replace(/^[\s\-–—*•.]+|[\s\-–—*•.]+$/gu, '')
        .replace(/\s+/g, ' ');
      if (item.length < 1 || Array.from(item).length > 40) continue;
      if (item.split(/\s+/).length > 4 || NOISE.test(item) || /^\d/.test(item)) continue;
      items.push(item);
    }
  }
  return items;
}

/**
 * The items of a skills section: « Web : HTML, CSS, JavaScript », « • Soudure TIG », « Python
 * (pandas, numpy) » give each item; a category label before a colon is a skill too, as JSON
 * Resume's skills[].name is. Sentences, durations and language names are not skills.
 */
export function skillItemsIn(lines: readonly string[]): string[] {
  return itemsOf(lines).filter((item) => !languageCode(item));
}

/** The ISO codes of languages listed among skills (« Proficient in English, Hindi and Marathi »). */
export function languageItemsIn(lines: readonly string[]): string[] {
  return [...new Set(itemsOf(lines).map((item) => languageCode(item)))].filter(
    (code): code is string => code !== undefined,
  );
}
