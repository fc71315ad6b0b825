import type { Detector } from '../detector';

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
const WORD = /[a-z]+/g;

export function frenchShare(text: string): { french: number; english: number } {
  let french = 0;
  let english = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    if (FRENCH.has(m[0])) french++;
    else if (ENGLISH.has(m[0])) english++;
  }
  return { french, english };
}

const WINDOW = 600;

function looksEnglish(text: string): { french: number; english: number } | null {
  const { french, english } = frenchShare(text);
  return french + english >= MIN_FUNCTION_WORDS && french / (french + english) < MAX_FRENCH_SHARE
    ? { french, english }
    : null;
}

/** Both ends of the description are read: a French text followed or preceded by its translation is fine. */
export const writtenInEnglish: Detector = (ctx, out) => {
  const text = ctx.description.folded.text;
  const head = looksEnglish(text.slice(0, WINDOW));
  if (head === null) return;
  const tail = text.length > 2 * WINDOW ? looksEnglish(text.slice(-WINDOW)) : head;
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
