import { Clause, splitClauses } from './clauses';
import type { ScreenableOffer, ScreenedField, Severity } from './finding';
import { FoldedText, foldText } from './fold-text';
import type { RuleId } from './rule-catalogue';

/** One field of the offer, folded and cut into clauses, ready for the rules. */
export interface FieldText {
  field: ScreenedField;
  folded: FoldedText;
  clauses: Clause[];
}

export interface ScreeningContext {
  offer: ScreenableOffer;
  fields: readonly FieldText[];
  title: FieldText;
  description: FieldText;
  companyName: FieldText | null;
  /** Title and description folded, for offer-wide conditions (« apprentissage » anywhere). */
  wholeText: string;
}

/** A rule's hit, in folded coordinates of its field; the screener turns it into a Finding. */
export interface RawFinding {
  ruleId: RuleId;
  field: ScreenedField | null;
  start: number;
  end: number;
  reason: string;
  severity?: Severity;
  suggestion?: string;
}

export function fieldText(field: ScreenedField, value: string): FieldText {
  const folded = foldText(value);
  return { field, folded, clauses: splitClauses(folded.text) };
}

export function screeningContext(offer: ScreenableOffer): ScreeningContext {
  const title = fieldText('title', offer.title);
  const description = fieldText('description', offer.description);
  return {
    offer,
    fields: [title, description],
    title,
    description,
    companyName: offer.companyName === null ? null : fieldText('companyName', offer.companyName),
    wholeText: `${title.folded.text}\n${description.folded.text}`,
  };
}
