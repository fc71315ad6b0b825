import { Clause, clauseAt, isEqualOpportunityStatement } from './clauses';
import type { ScreenedField, Severity } from './finding';
import type { RuleId } from './rule-catalogue';
import type { FieldText, RawFinding, ScreeningContext } from './screening-context';
import { WordIndex } from './word-index';

/**
 * A phrasing a rule forbids, written against folded text (lower case, no accents). The regex
 * runs only on clauses holding one of its anchor words (or literals), which keeps a few hundred
 * patterns at a few microseconds per offer.
 */
export interface TextPattern {
  rule: RuleId;
  /** Names the phrasing in the finding (« upper age limit »). */
  reason: string;
  /** Folded words of which one must be in the clause for the regex to be tried. */
  anchors: readonly string[];
  /** Or a string to find anywhere (a phone number written without spaces: « 0899… »). */
  literals?: readonly string[];
  /**
   * Strings of which every match holds one: a clause holding none is skipped before the regex
   * runs. For patterns whose anchors are common words (« plus », « charge »).
   */
  requires?: readonly string[];
  regex: RegExp;
  fields?: readonly ScreenedField[];
  /** The lawful look-alike: true drops the match. */
  unless?: (hit: PatternHit) => boolean;
  /** Exclusions (« sans handicap ») still fire inside an equal-opportunity statement. */
  evenInEqualOpportunity?: boolean;
  severity?: Severity;
  suggestion?: string;
}

export interface PatternHit {
  match: RegExpExecArray;
  /** Clause text and the match's offsets in it. */
  clause: Clause;
  before: string;
  after: string;
  field: FieldText;
  ctx: ScreeningContext;
}

export class PatternSet {
  private readonly byAnchor = new WordIndex<number[]>();
  private readonly byLiteral: Array<{ literal: string; pattern: number }> = [];
  private readonly ranIn: Uint32Array;
  private readonly ranAt: Int32Array;
  private runs = 0;

  constructor(private readonly patterns: readonly TextPattern[]) {
    this.ranIn = new Uint32Array(patterns.length);
    this.ranAt = new Int32Array(patterns.length);
    patterns.forEach((p, i) => {
      if (!p.regex.global) throw new Error(`pattern "${p.reason}" needs the g flag`);
      for (const anchor of p.anchors) {
        if (!/^[a-z0-9]+$/.test(anchor))
          throw new Error(`anchor "${anchor}" of "${p.reason}" is not a folded word`);
        const list = this.byAnchor.get(anchor) ?? [];
        if (!list.includes(i)) list.push(i);
        this.byAnchor.set(anchor, list);
      }
      for (const literal of p.literals ?? []) this.byLiteral.push({ literal, pattern: i });
    });
  }

  run(ctx: ScreeningContext, field: FieldText, out: RawFinding[]): void {
    const text = field.folded.text;
    const clauses = field.clauses;
    if (clauses.length === 0) return;
    // Each pattern runs at most once per clause. Anchors come in text order, so the last clause
    // each pattern ran on is enough to know (a stamp per run instead of clearing the array).
    const stamp = ++this.runs;
    const ranIn = this.ranIn;
    const ranAt = this.ranAt;
    let clauseIndex = 0;
    this.byAnchor.scan(text, 0, text.length, (candidates, start) => {
      while (clauses[clauseIndex]!.end <= start) clauseIndex++;
      for (const p of candidates) {
        if (ranIn[p] === stamp && ranAt[p] === clauseIndex) continue;
        ranIn[p] = stamp;
        ranAt[p] = clauseIndex;
        this.tryPattern(this.patterns[p]!, ctx, field, clauses[clauseIndex]!, out);
      }
    });
    if (this.byLiteral.length === 0) return;
    // Literals are looked for after the anchors, in any clause: a set of what already ran.
    const tried = new Set<number>();
    for (const { literal, pattern } of this.byLiteral) {
      for (let at = text.indexOf(literal); at !== -1; ) {
        const c = clauseAt(clauses, at);
        const key = c * 4096 + pattern;
        if (!tried.has(key) && !(ranIn[pattern] === stamp && ranAt[pattern] === c)) {
          tried.add(key);
          this.tryPattern(this.patterns[pattern]!, ctx, field, clauses[c]!, out);
        }
        at = text.indexOf(literal, clauses[c]!.end);
      }
    }
  }

  private tryPattern(
    pattern: TextPattern,
    ctx: ScreeningContext,
    field: FieldText,
    clause: Clause,
    out: RawFinding[],
  ): void {
    if (pattern.fields !== undefined && !pattern.fields.includes(field.field)) return;
    if (pattern.requires !== undefined && !holdsOneOf(clause.text, pattern.requires)) return;
    const regex = pattern.regex;
    regex.lastIndex = 0;
    for (let m = regex.exec(clause.text); m !== null; m = regex.exec(clause.text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const hit: PatternHit = {
        match: m,
        clause,
        before: clause.text.slice(0, m.index),
        after: clause.text.slice(m.index + m[0].length),
        field,
        ctx,
      };
      if (pattern.unless?.(hit) === true) continue;
      if (pattern.evenInEqualOpportunity !== true && isEqualOpportunityStatement(clause)) return;
      out.push({
        ruleId: pattern.rule,
        field: field.field,
        start: clause.start + m.index,
        end: clause.start + m.index + m[0].length,
        reason: pattern.reason,
        ...(pattern.severity ? { severity: pattern.severity } : {}),
        ...(pattern.suggestion ? { suggestion: pattern.suggestion } : {}),
      });
    }
  }
}

function holdsOneOf(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.includes(needle)) return true;
  return false;
}

/** Anchor words written as one string: « list('jeune jeunes') ». */
export function list(words: string): string[] {
  return words.split(/\s+/).filter(Boolean);
}

/** Builds a global regex from parts, so long alternations stay readable. */
export function words(...alternatives: string[]): string {
  return `(?:${alternatives.join('|')})`;
}

export function re(source: string): RegExp {
  return new RegExp(source, 'g');
}
