/**
 * Splits folded text into clauses (sentences, list items) so that a rule judges a phrase with
 * the words around it, and recognises the equal-opportunity statements many employers print
 * (« sans distinction d'âge, d'origine… »): they name every criterion and must not fire.
 */
export interface Clause {
  start: number;
  end: number;
  text: string;
}

// A sentence ends at . ! ? ; or a line break; « 1.5 » and « v.e » were folded before.
const CLAUSE_END = /[.!?;\n]+(?=\s|$)|\n/g;

const EQUAL_OPPORTUNITY = new RegExp(
  [
    'sans distinction',
    'sans discrimination',
    'non[ -]discrimination',
    'quel(?:le)?s? que soi(?:t|ent)',
    'independamment d',
    'egalite des chances',
    'egalite professionnelle',
    'egalite de traitement',
    'diversite',
    'inclusi(?:f|ve|on)',
    'handi[ -]?accueillant',
    'accueillons (?:toutes )?(?:les )?candidatures',
    'ouverts? a (?:toutes|tous)',
    'a competences egales',
    'ne sont pas des sujets',
    'de tout(?:e|es)? (?:genre|age|origine)',
    'lutte contre (?:les |toute )?discrimination',
    'discriminations?',
    'rqth',
    'situation de handicap',
    'travailleurs? handicapes? (?:sont|est) (?:les )?bienvenu',
  ].join('|'),
);

export function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(text); m !== null; m = CLAUSE_END.exec(text)) {
    const end = m.index + m[0].length;
    push(clauses, text, start, end);
    start = end;
  }
  push(clauses, text, start, text.length);
  return clauses;
}

function push(clauses: Clause[], text: string, start: number, end: number): void {
  if (end <= start) return;
  clauses.push({ start, end, text: text.slice(start, end) });
}

/** The clause states an equal-opportunity or inclusion policy (asked only when a rule fires in it). */
export function isEqualOpportunityStatement(clause: Clause): boolean {
  return EQUAL_OPPORTUNITY.test(clause.text);
}

/** Index of the clause holding position `at` (clauses sorted, contiguous). */
export function clauseAt(clauses: readonly Clause[], at: number): number {
  let lo = 0;
  let hi = clauses.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (clauses[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
