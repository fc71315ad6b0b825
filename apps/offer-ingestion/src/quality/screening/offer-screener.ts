import type { Detector } from './detector';
import { decide, Finding, ScreenableOffer, ScreeningResult } from './finding';
import { sourceRange } from './fold-text';
import { RULES } from './rule-catalogue';
import { AGE_PATTERNS } from './rules/age.rules';
import { APPEARANCE_PATTERNS } from './rules/appearance.rules';
import { ECONOMIC_PATTERNS } from './rules/economic.rules';
import { FAMILY_PATTERNS } from './rules/family.rules';
import { FEES_PATTERNS } from './rules/fees.rules';
import { contractContradictsTitle, employerWithheld, MISLEADING_PATTERNS } from './rules/form.rules';
import { HEALTH_PATTERNS } from './rules/health.rules';
import { writtenInEnglish } from './rules/language.rules';
import { OPINION_PATTERNS } from './rules/opinion.rules';
import { ORIGIN_PATTERNS } from './rules/origin.rules';
import { RELIGION_PATTERNS } from './rules/religion.rules';
import { RESIDENCE_PATTERNS } from './rules/residence.rules';
import { genderedJobTitle, SEX_PATTERNS } from './rules/sex.rules';
import { FieldText, RawFinding, screeningContext } from './screening-context';
import { PatternSet } from './text-pattern';

const PATTERNS = new PatternSet([
  ...SEX_PATTERNS,
  ...FAMILY_PATTERNS,
  ...AGE_PATTERNS,
  ...ORIGIN_PATTERNS,
  ...RELIGION_PATTERNS,
  ...HEALTH_PATTERNS,
  ...APPEARANCE_PATTERNS,
  ...RESIDENCE_PATTERNS,
  ...OPINION_PATTERNS,
  ...ECONOMIC_PATTERNS,
  ...FEES_PATTERNS,
  ...MISLEADING_PATTERNS,
]);

const DETECTORS: readonly Detector[] = [
  genderedJobTitle,
  writtenInEnglish,
  contractContradictsTitle,
  employerWithheld,
];

/**
 * Screens one offer against rules R1–R17 (docs/quality.md): pure and synchronous, a few tens
 * of microseconds per offer, so the batch path and the feed imports call it inline.
 */
export function screenOffer(offer: ScreenableOffer): ScreeningResult {
  const ctx = screeningContext(offer);
  const raw: RawFinding[] = [];
  for (const field of ctx.fields) PATTERNS.run(ctx, field, raw);
  for (const detect of DETECTORS) detect(ctx, raw);
  const fields: Record<string, FieldText | null> = {
    title: ctx.title,
    description: ctx.description,
    companyName: ctx.companyName,
  };
  const findings = withoutOverlaps(raw).map((r) => toFinding(r, r.field === null ? null : fields[r.field]!));
  return { decision: decide(findings), findings };
}

/** One finding per rule and stretch of text: two phrasings of R3 on « 25-35 ans » report once. */
function withoutOverlaps(raw: RawFinding[]): RawFinding[] {
  const sorted = [...raw].sort(
    (a, b) =>
      (a.field ?? '').localeCompare(b.field ?? '') ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.start - b.start ||
      b.end - a.end,
  );
  const kept: RawFinding[] = [];
  for (const r of sorted) {
    const last = kept[kept.length - 1];
    if (last && last.field === r.field && last.ruleId === r.ruleId && r.start < last.end) continue;
    kept.push(r);
  }
  return kept.sort((a, b) => Number(a.ruleId.slice(1)) - Number(b.ruleId.slice(1)) || a.start - b.start);
}

function toFinding(raw: RawFinding, field: FieldText | null): Finding {
  const rule = RULES[raw.ruleId];
  let span: Finding['span'] = null;
  if (raw.field !== null && field !== null) {
    const { start, end } = sourceRange(field.folded, raw.start, raw.end);
    span = { field: raw.field, start, end, text: field.folded.source.slice(start, end) };
  }
  return {
    ruleId: raw.ruleId,
    severity: raw.severity ?? rule.severity,
    span,
    legalBasis: rule.legalBasis,
    suggestion: raw.suggestion ?? rule.suggestion,
    reason: raw.reason,
  };
}
