/**
 * A synonym rule, written as text and analysed with the chain when loaded (so it follows any change
 * of the chain). Two-way: every entry stands for every other. One-way: `terms[0]` also finds the
 * others, not the reverse — for a short, ambiguous abbreviation (« AS » finds « aide-soignant »,
 * but « aide-soignant » must not find every English « as »).
 */
export interface SynonymRule {
  readonly terms: readonly string[];
  readonly oneWay?: true;
}
