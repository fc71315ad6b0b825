import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { franceTravailAds, JobAd, seededRandom, syntheticJobAds } from '@vigie/testing/unit';
import { fingerprintOf } from './offer-fingerprint';
import { sameJobScore } from './same-job';

interface LabelledPair {
  a: string;
  b: string;
  duplicate: boolean;
}

const clusterable = (ad: JobAd) => fingerprintOf({ offerId: ad.id, ...ad });

/** Precision and recall of « same job » over labelled pairs. */
function score(pairs: ReadonlyArray<{ a: JobAd; b: JobAd; duplicate: boolean }>) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { a, b, duplicate } of pairs) {
    const same = sameJobScore(clusterable(a), clusterable(b)) !== null;
    if (same && duplicate) tp++;
    else if (same) fp++;
    else if (duplicate) fn++;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

/** Copies with a changed reference and a sentence dropped; other ads of the same kind as non-copies. */
function generatedPairs() {
  const random = seededRandom(42);
  const ads = syntheticJobAds(240, 7);
  return ads.slice(0, 120).map((ad, i) => {
    if (i % 2 === 0) {
      const sentences = ad.description.split('. ');
      sentences.splice(1 + Math.floor(random() * (sentences.length - 2)), 1);
      return { a: ad, b: { ...ad, id: `${ad.id}-copy`, description: sentences.join('. ') }, duplicate: true };
    }
    return {
      a: ad,
      b: ads[120 + i]!,
      duplicate: ad.title === ads[120 + i]!.title && ad.placeKey === ads[120 + i]!.placeKey,
    };
  });
}

describe('duplicate detection on labelled pairs', () => {
  const real = franceTravailAds();

  it('reaches precision ≥ 0.95 and recall ≥ 0.9 on the pairs judged from real offers', () => {
    const fixture = JSON.parse(
      readFileSync(join(__dirname, '../../../test-fixtures/quality/duplicate-pairs.json'), 'utf8'),
    ) as { pairs: LabelledPair[] };
    let pairs;
    if (real === null) {
      process.stdout.write('duplicate pairs: shared data folder absent, scoring generated copies instead\n');
      pairs = generatedPairs();
    } else {
      const byId = new Map(real.map((ad) => [ad.id, ad]));
      pairs = fixture.pairs.map((p) => ({ a: byId.get(p.a)!, b: byId.get(p.b)!, duplicate: p.duplicate }));
      expect(pairs.length).toBeGreaterThanOrEqual(100);
    }
    const { precision, recall } = score(pairs);
    process.stdout.write(
      `duplicate pairs: ${pairs.length}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
