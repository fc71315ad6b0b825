import type { CvProfile } from '@vigie/contracts';
import { fold } from './fold';

export type LanguageSkill = CvProfile['languages'][number];

// Folded language names (French and English) to ISO 639-1 codes.
const LANGUAGE_CODES: Readonly<Record<string, string>> = {
  francais: 'fr',
  french: 'fr',
  anglais: 'en',
  english: 'en',
  espagnol: 'es',
  spanish: 'es',
  castillan: 'es',
  allemand: 'de',
  german: 'de',
  italien: 'it',
  italian: 'it',
  portugais: 'pt',
  portuguese: 'pt',
  arabe: 'ar',
  arabic: 'ar',
  chinois: 'zh',
  chinese: 'zh',
  mandarin: 'zh',
  japonais: 'ja',
  japanese: 'ja',
  russe: 'ru',
  russian: 'ru',
  neerlandais: 'nl',
  dutch: 'nl',
  polonais: 'pl',
  polish: 'pl',
  turc: 'tr',
  turkish: 'tr',
  roumain: 'ro',
  romanian: 'ro',
  hindi: 'hi',
  marathi: 'mr',
  tamoul: 'ta',
  tamil: 'ta',
  telugu: 'te',
  bengali: 'bn',
  gujarati: 'gu',
  kannada: 'kn',
  ourdou: 'ur',
  urdu: 'ur',
  igbo: 'ig',
  coreen: 'ko',
  korean: 'ko',
  grec: 'el',
  greek: 'el',
  suedois: 'sv',
  swedish: 'sv',
  vietnamien: 'vi',
  vietnamese: 'vi',
  ukrainien: 'uk',
  ukrainian: 'uk',
  breton: 'br',
  basque: 'eu',
  catalan: 'ca',
  corse: 'co',
  occitan: 'oc',
};

/** The ISO code of a language name (« Anglais », « english »), or undefined. */
export function languageCode(name: string | undefined): string | undefined {
  return LANGUAGE_CODES[fold(name ?? '').trim()];
}

/** Fluency words to CEFR levels; native and bilingual speakers are C2. */
export function cefrOf(fluency: string | undefined): LanguageSkill['level'] {
  const f = fold(fluency ?? '');
  const explicit = /(?<![a-z])([abc][12])(?![a-z\d])/.exec(f);
  if (explicit?.[1]) return explicit[1].toUpperCase() as LanguageSkill['level'];
  if (/native|maternel|bilingu|natif|native speaker|mother tongue/.test(f)) return 'C2';
  if (/fluent|courant|full professional|toeic 9|ielts [78]/.test(f)) return 'C1';
  if (/professional|professionnel|advanced|avance|upper|toeic [78]/.test(f)) return 'B2';
  if (/intermediate|intermediaire|conversational|moderate|moyen|bon niveau|good/.test(f)) return 'B1';
  if (/elementary|notions|basic|scolaire|debutant|beginner|lu, ecrit|limited/.test(f)) return 'A2';
  return null;
}

const NAMES = Object.keys(LANGUAGE_CODES).join('|');
const NAME_IN = new RegExp(`(?<![a-z])(${NAMES})(?![a-z])`, 'g');

/**
 * The languages of the lines of a « Langues » section, each with the level written beside it
 * (« Anglais : courant (C1) », « English - native », « espagnol B1 »): a line is cut where the next
 * language starts, so « anglais C1, espagnol notions » gives each its own level.
 */
export function languagesIn(lines: readonly string[]): LanguageSkill[] {
  const found = new Map<string, LanguageSkill['level']>();
  for (const line of lines) {
    const f = fold(line);
    const hits = [...f.matchAll(NAME_IN)];
    hits.forEach((hit, i) => {
      const code = LANGUAGE_CODES[hit[1]!];
      if (!code) return;
      const segment = f.slice(hit.index + hit[0].length, hits[i + 1]?.index ?? f.length);
      const level = cefrOf(segment);
      if (!found.has(code) || (found.get(code) === null && level !== null)) found.set(code, level);
    });
  }
  return [...found].map(([code, level]) => ({ code, level })).slice(0, 20);
}

// « Anglais : courant » outside a languages section: a language name, a separator, then a level.
const LABELLED = new RegExp(
  `(?<![a-z])(${NAMES})\\s*(?:[:(–-]|\\s)\\s*(?:niveau\\s*)?([abc][12]|native|natif|maternelle|bilingue|courant|fluent|intermediaire|intermediate|advanced|avance|notions|scolaire|basic|professional|professionnel)`,
  'g',
);

/** Languages written with their level anywhere in the text (a skills list, a summary). */
export function labelledLanguagesIn(lines: readonly string[]): LanguageSkill[] {
  const hits = lines.flatMap((l) => [...fold(l).matchAll(LABELLED)]);
  return languagesIn(hits.map((h) => h[0]));
}
