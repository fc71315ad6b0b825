import { RuleId } from './rule-catalogue';

/** block: not published, reported to the recruiter; flag: published, reported, reviewed by a person. */
export type Severity = 'block' | 'flag';

export const SCREENED_FIELDS = ['title', 'description', 'companyName'] as const;
export type ScreenedField = (typeof SCREENED_FIELDS)[number];

/** The recruiter's own words that made a rule fire: `text` is `offer[field].slice(start, end)`. */
export interface TextSpan {
  field: ScreenedField;
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Null for findings about the whole offer (written in English, employer withheld). */
  span: TextSpan | null;
  /** Articles of law, e.g. « C. trav. L1142-1 ». */
  legalBasis: readonly string[];
  /** What the recruiter can write instead. */
  suggestion: string;
  /** Why the rule fired, in one sentence. */
  reason: string;
}

/** What the screening reads of an offer: the canonical offer's text fields and contract. */
export interface ScreenableOffer {
  title: string;
  description: string;
  companyName: string | null;
  /** Canonical contract type (cdi, cdd, apprenticeship…); null when unknown. */
  contractType: string | null;
}

export type ScreeningDecision = 'clean' | 'flagged' | 'blocked';

export interface ScreeningResult {
  decision: ScreeningDecision;
  findings: Finding[];
}

/** blocked if any finding blocks, flagged if any flags, clean otherwise. */
export function decide(findings: readonly Finding[]): ScreeningDecision {
  if (findings.some((f) => f.severity === 'block')) return 'blocked';
  return findings.length > 0 ? 'flagged' : 'clean';
}

/** The distinct rule ids of findings, in rule order (R1, R2, … R17). */
export function ruleIdsOf(findings: readonly Finding[]): RuleId[] {
  const ids = new Set(findings.map((f) => f.ruleId));
  return [...ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}
