import {
  type AnalysedToken,
  type AnalyzerDef,
  type ChainDef,
  FRENCH_CHAIN,
  openSearchAnalysis,
} from '@vigie/analysis';
import { testInfra, uniqueId } from '@vigie/testing';
import { compileAnalyzer } from '../chain/compile-chain';
import { batches, EngineAnalysis, inParallel, sameTokens } from '../../test/engine-analysis';

/**
 * The character-level steps, checked on every code point of the BMP and of plane 1 rather than on
 * the ones real offers happen to contain: which characters make words (tokenizer), lower-casing,
 * ASCII folding and the stemmer's notion of a letter. Java and Node each follow their own Unicode
 * version, so a code point the engine's Java does not know yet (unassigned there, `\p{Cn}`) may
 * differ; every other code point must agree.
 */
const probe = (tokenizer: string, filter: string[] = []): AnalyzerDef => ({
  char_filter: [],
  tokenizer,
  filter,
  position_increment_gap: 100,
});

const PROBE_CHAIN = {
  ...FRENCH_CHAIN,
  tokenizers: {
    ...FRENCH_CHAIN.tokenizers,
    probe_unassigned: { type: 'pattern', pattern: String.raw`\p{Cn}`, group: 0 },
  },
  analyzers: {
    ...FRENCH_CHAIN.analyzers,
    probe_words: probe('vigie_words'),
    probe_lowercase: probe('vigie_spaces', ['french_lowercase']),
    probe_folding: probe('vigie_spaces', ['french_folding']),
    probe_stemmer: probe('vigie_spaces', ['french_stemmer']),
    probe_unassigned: probe('probe_unassigned'),
  },
} satisfies ChainDef;

/** What each probe analyses for one code point. */
const PROBES: Record<string, (ch: string) => string> = {
  probe_words: (ch) => `a${ch}b ${ch}`, // can it start a word, continue one, join two?
  probe_lowercase: (ch) => ch,
  probe_folding: (ch) => ch,
  probe_stemmer: (ch) => `bcd${ch}${ch}fgh`, // doubled letters collapse, other doubles stay
};

function codePoints(): number[] {
  const out: number[] = [];
  for (let c = 0; c < 0x20000; c++) if ((c < 0xd800 || c > 0xdfff) && c !== 0x20) out.push(c);
  return out;
}

describe('the French chain on the real engine, code point by code point', () => {
  const engine = new EngineAnalysis(testInfra().searchUrl, uniqueId('analysis-cp'));
  const all = codePoints();

  beforeAll(() => engine.create(openSearchAnalysis(PROBE_CHAIN)));
  afterAll(() => engine.drop());

  type ProbeName = keyof typeof PROBE_CHAIN.analyzers;
  const local = (name: ProbeName) => compileAnalyzer(PROBE_CHAIN, PROBE_CHAIN.analyzers[name]);

  /** The engine's tokens for each text, requests of ~60,000 characters, two in flight. */
  async function engineTokens(name: ProbeName, texts: string[]): Promise<AnalysedToken[][]> {
    const chunks = batches(
      texts.map((text, i) => ({ text, i })),
      (t) => t.text.length + 1,
      60_000,
    );
    const out: AnalysedToken[][] = new Array(texts.length);
    await inParallel(chunks, 2, async (chunk) => {
      const batch = chunk.map((c) => c.text);
      const theirs = await engine.analyze(name, batch, 100);
      chunk.forEach((c, k) => (out[c.i] = theirs[k]!));
    });
    return out;
  }

  it('agrees on every code point the engine knows (differences only where its Unicode is older)', async () => {
    const unassigned = new Set<number>();
    (
      await engineTokens(
        'probe_unassigned',
        all.map((c) => String.fromCodePoint(c)),
      )
    ).forEach((tokens, i) => {
      if (tokens.length > 0) unassigned.add(all[i]!);
    });
    const unexplained: string[] = [];
    const tolerated: Record<string, number> = {};
    for (const [name, text] of Object.entries(PROBES)) {
      const analyzer = local(name as ProbeName);
      const texts = all.map((c) => text(String.fromCodePoint(c)));
      const theirs = await engineTokens(name as ProbeName, texts);
      tolerated[name] = 0;
      texts.forEach((t, i) => {
        if (sameTokens(analyzer.run(t).tokens, theirs[i]!)) return;
        const cp = all[i]!;
        if (unassigned.has(cp)) tolerated[name]!++;
        else
          unexplained.push(
            `${name} U+${cp.toString(16).toUpperCase().padStart(4, '0')}: ours ${JSON.stringify(analyzer.run(t).tokens)}, engine ${JSON.stringify(theirs[i])}`,
          );
      });
    }
    process.stdout.write(
      `[analysis] ${all.length} code points; ${unassigned.size} unassigned in the engine's Java; ` +
        `differences there (tolerated): ${JSON.stringify(tolerated)}\n`,
    );
    expect(unexplained.slice(0, 30)).toEqual([]);
    expect(unexplained).toHaveLength(0);
  });
});
