import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleIdsOf, ScreenableOffer } from './finding';
import { screenOffer } from './offer-screener';

interface LabelledOffer extends ScreenableOffer {
  id: string;
  expected: string[];
}

const { offers } = JSON.parse(
  readFileSync(join(__dirname, '../../../test-fixtures/quality/screening-labelled.json'), 'utf8'),
) as { offers: LabelledOffer[] };

/** Precision and recall over (offer, rule id) pairs: a rule fired that a reader expects, or not. */
function score(): { precision: number; recall: number; misses: string[] } {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const misses: string[] = [];
  for (const offer of offers) {
    const found: string[] = ruleIdsOf(screenOffer(offer).findings);
    const hit = found.filter((r) => offer.expected.includes(r)).length;
    truePositives += hit;
    falsePositives += found.length - hit;
    falseNegatives += offer.expected.filter((r) => !found.includes(r)).length;
    if (found.join() !== offer.expected.join())
      misses.push(`${offer.id}: expected [${offer.expected.join()}] found [${found.join()}]`);
  }
  return {
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    misses,
  };
}

describe('screening on the labelled set (test-fixtures/quality/screening-labelled.json)', () => {
  it('has at least 100 offers, half of them clean', () => {
    expect(offers.length).toBeGreaterThanOrEqual(100);
    expect(offers.filter((o) => o.expected.length === 0).length).toBeGreaterThanOrEqual(
      offers.length / 2 - 5,
    );
  });

  it('reaches precision ≥ 0.9 and recall ≥ 0.9', () => {
    const { precision, recall, misses } = score();
    process.stdout.write(
      `screening labelled set: ${offers.length} offers, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${misses.join('\n')}\n`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
