import type { AnalysedToken, OpenSearchAnalysisSettings } from '@vigie/analysis';
import { engineRequest } from '@vigie/testing';

/**
 * A throwaway index on the real engine, holding an analysis block, and `_analyze` over many texts
 * per request. The engine analyses an array of texts as the values of one field: offsets run on
 * (each value's length + 1), positions on (the positions each value used + the analyzer's gap).
 * Each text is preceded by a one-token sentinel, whose position gives the text's own start, so a
 * difference in one text never shifts the positions of the next; tokens are assigned to texts by
 * their offsets.
 */
export class EngineAnalysis {
  static readonly SENTINEL = 'vigiesentinel';

  constructor(
    private readonly url: string,
    readonly index: string,
  ) {}

  async create(analysis: OpenSearchAnalysisSettings, mappings?: Record<string, unknown>): Promise<void> {
    await this.request('PUT', `/${this.index}`, {
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        'index.analyze.max_token_count': 200_000,
        analysis,
      },
      ...(mappings ? { mappings } : {}),
    });
  }

  async drop(): Promise<void> {
    await fetch(`${this.url}/${this.index}`, { method: 'DELETE' }).catch(() => undefined);
  }

  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return engineRequest<T>(this.url, method, path, body);
  }

  /**
   * The engine's tokens for each text, positions relative to the text's start (absolute when the
   * analyzer gives the sentinel no token).
   */
  async analyze(analyzer: string, texts: readonly string[], gap: number): Promise<AnalysedToken[][]> {
    if (texts.length === 0) return [];
    const values = texts.flatMap((t) => [EngineAnalysis.SENTINEL, t]);
    const answer = await this.request<{
      tokens?: { token: string; position: number; start_offset: number }[];
    }>('POST', `/${this.index}/_analyze?filter_path=tokens.token,tokens.position,tokens.start_offset`, {
      analyzer,
      text: values,
    });
    const starts: number[] = [];
    let offset = 0;
    for (const value of values) {
      starts.push(offset);
      offset += value.length + 1;
    }
    const out: AnalysedToken[][] = texts.map(() => []);
    const base: number[] = texts.map(() => -1);
    let at = 0;
    for (const t of answer.tokens ?? []) {
      while (at + 1 < values.length && t.start_offset >= starts[at + 1]!) at++;
      if (at % 2 === 0) base[at / 2] = t.position + gap + 1;
      else
        out[(at - 1) / 2]!.push({ term: t.token, position: t.position - Math.max(0, base[(at - 1) / 2]!) });
    }
    return out;
  }
}

export interface TokenDifference {
  label: string;
  text: string;
  expected: readonly AnalysedToken[];
  actual: readonly AnalysedToken[];
}

const show = (tokens: readonly AnalysedToken[]) => tokens.map((t) => `${t.term}@${t.position}`).join(' ');

/** The first place where two token lists part, described for a failure message. */
export function describeDifference(d: TokenDifference): string {
  let i = 0;
  while (
    i < d.expected.length &&
    i < d.actual.length &&
    d.expected[i]!.term === d.actual[i]!.term &&
    d.expected[i]!.position === d.actual[i]!.position
  )
    i++;
  const from = Math.max(0, i - 2);
  return (
    `${d.label}: ${JSON.stringify(d.text.slice(0, 160))}\n` +
    `  ours:   …${show(d.expected.slice(from, i + 4))}\n` +
    `  engine: …${show(d.actual.slice(from, i + 4))}`
  );
}

export function sameTokens(a: readonly AnalysedToken[], b: readonly AnalysedToken[]): boolean {
  return a.length === b.length && a.every((t, i) => t.term === b[i]!.term && t.position === b[i]!.position);
}

/** Splits texts into requests of at most `maxChars` characters (and at least one text each). */
export function batches<T>(items: readonly T[], size: (item: T) => number, maxChars: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    if (current.length > 0 && chars + size(item) > maxChars) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += size(item);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
