import type { Detector } from '../detector';
import { WordIndex } from '../word-index';

/**
 * R14 — offers must be written in French (C. trav. L5331-4); a foreign version may follow the
 * French text. A light identifier is enough to tell French from English: the share of French
 * function words among the French and English function words of the text. Words both languages
 * use (« on », « a », « as », « if », « in »…) are left out. An offer is flagged when it has
 * enough function words to judge and almost none of them are French; a bilingual offer, or a
 * French one quoting English tool names, keeps a large French share.
 */
const FRENCH = new Set(
  `le la les des du et est sont vous nous pour une un dans avec sur par au aux ce cette ces qui que qu pas plus
   votre vos notre nos son sa ses leur leurs etre avoir sera serez mais ou tres aussi comme entre chez sous vers
   afin ainsi selon lors dont il elle ils elles de d l s n j c poste travail equipe missions profil
   competences entreprise rejoindre rattache souhaitez possedez maitrise connaissances`.split(/\s+/),
);
const ENGLISH = new Set(
  `the and is are you we our your for with will of to this that be have has an at by from it or not all can
   their they who which would should must work skills years about more what strong including within across
   us looking join knowledge ability responsibilities requirements benefits opportunity environment
   working company apply degree preferred`.split(/\s+/),
);
const MIN_FUNCTION_WORDS = 12;
const MAX_FRENCH_SHARE = 0.2;
const LANGUAGE = new WordIndex<'fr' | 'en'>();
for (const word of ENGLISH) LANGUAGE.set(word, 'en');
for (const word of FRENCH) LANGUAGE.set(word, 'fr'); // French wins a word both lists hold

/** French and English function words of text[from, to). */
export function frenchShare(text: string, from = 0, to = text.length): { french: number; english: number } {
  let french = 0;
  let english = 0;
  LANGUAGE.scan(text, from, to, (language) => {
    if (language === 'fr') french++;
    else english++;
  });
  return { french, english };
}

const WINDOW = 600;

function looksEnglish(text: string, from: number, to: number): { french: number; english: number } | null {
  const { french, english } = frenchShare(text, from, to);
  return french + english >= MIN_FUNCTION_WORDS && french / (french + english) < MAX_FRENCH_SHARE
    ? { french, english }
    : null;
}

/** Both ends of the description are read: a French text followed or preceded by its translation is fine. */
export const writtenInEnglish: Detector = (ctx, out) => {
  const text = ctx.description.folded.text;
  const head = looksEnglish(text, 0, Math.min(WINDOW, text.length));
  if (head === null) return;
  const tail = text.length > 2 * WINDOW ? looksEnglish(text, text.length - WINDOW, text.length) : head;
  if (tail === null) return;
  const french = head.french + (tail === head ? 0 : tail.french);
  const english = head.english + (tail === head ? 0 : tail.english);
  out.push({
    ruleId: 'R14',
    field: null,
    start: 0,
    end: 0,
    reason: `the description is in English (${french} French and ${english} English function words)`,
  });
};
