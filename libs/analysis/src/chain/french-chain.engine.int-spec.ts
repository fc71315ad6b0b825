import {
  analyzeDetailed,
  FRENCH_CHAIN,
  FRENCH_TEXT_ANALYZER,
  openSearchAnalysis,
  TEXT_FIELDS,
} from '@vigie/analysis';
import { testInfra, uniqueId } from '@vigie/testing';
import {
  batches,
  describeDifference,
  EngineAnalysis,
  inParallel,
  sameTokens,
  type TokenDifference,
} from '../../test/engine-analysis';
import { offerTexts } from '../../test/offer-texts';

/**
 * The proof that analyze() is the engine's analysis: every title, description and company name of
 * the real offers goes through `_analyze` on a temporary index built from openSearchAnalysis(), and
 * through analyze(); the two token lists (term and position) must be identical, text for text.
 */
describe('the French chain on the real engine, over the real offers', () => {
  const engine = new EngineAnalysis(testInfra().searchUrl, uniqueId('analysis'));
  const { source, offers } = offerTexts();

  beforeAll(() => engine.create(openSearchAnalysis()));
  afterAll(() => engine.drop());

  it(`produces exactly the engine's tokens for every text field (${source})`, async () => {
    const texts = offers
      .flatMap((o) => TEXT_FIELDS.map((field) => ({ label: `${o.id}.${field}`, text: o[field] })))
      .filter((t) => t.text.length > 0);
    const gap = FRENCH_CHAIN.analyzers[FRENCH_TEXT_ANALYZER].position_increment_gap;
    const differences: TokenDifference[] = [];
    let tokens = 0;
    await inParallel(
      batches(texts, (t) => t.text.length + 1, 150_000),
      2,
      async (batch) => {
        const ours = batch.map((t) => analyzeDetailed(t.text));
        const theirs = await engine.analyze(
          FRENCH_TEXT_ANALYZER,
          batch.map((t) => t.text),
          gap,
        );
        batch.forEach((t, i) => {
          tokens += ours[i]!.tokens.length;
          if (!sameTokens(ours[i]!.tokens, theirs[i]!)) {
            differences.push({ ...t, expected: ours[i]!.tokens, actual: theirs[i]! });
          }
        });
      },
    );
    process.stdout.write(`[analysis] ${texts.length} texts, ${tokens} tokens compared with the engine\n`);
    expect(differences.slice(0, 20).map(describeDifference)).toEqual([]);
    expect(differences).toHaveLength(0);
    expect(tokens).toBeGreaterThan(texts.length);
  });
});
