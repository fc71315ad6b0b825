import { prepareOffer, ScanAlertEngine } from '../engine';
import { generateAlerts } from '../engine/test/alert-generator';
import { engineAlert, engineOffer } from '../engine/test/engine.factory';
import { realMatchingData } from '../engine/test/real-data';
import { AlertTermFrequencies } from './alert-term-frequencies';
import { matchingEngine } from './matching-engine.factory';

const real = realMatchingData();
if (real === null) throw new Error('../shared/data is missing: the wiring test needs the real offers');
const byId = (a: { alertId: string }, b: { alertId: string }) => (a.alertId < b.alertId ? -1 : 1);

describe('matchingEngine (the running matcher’s engine)', () => {
  it('lists a keyword alert under the term fewer alerts require, so offers without it skip the alert', () => {
    const frequencies = new AlertTermFrequencies();
    // « soudeur » is common among alerts, « tig » rare: by length alone « soudeur » would anchor.
    frequencies.prime([
      { q: 'soudeur', alerts: 500 },
      { q: 'soudeur tig', alerts: 3 },
    ]);
    const sut = matchingEngine(frequencies);
    sut.upsert(engineAlert({ q: 'soudeur tig' }));

    const mig = engineOffer({ title: 'Soudeur MIG (H/F)', description: 'Atelier de chaudronnerie.' });
    expect(sut.match(mig)).toEqual([]);
    expect(sut.verifiedCandidates).toBe(0);

    const tig = engineOffer({ title: 'Soudeur TIG (H/F)', description: 'Atelier de chaudronnerie.' });
    expect(sut.match(tig)).toHaveLength(1);
    expect(sut.verifiedCandidates).toBe(1);
  });

  it('answers like the scan on generated alerts and the real offers, through replacements and removals', () => {
    const alerts = [...generateAlerts(3_000, real.data, 21)];
    const frequencies = new AlertTermFrequencies();
    frequencies.prime(alerts.map((a) => ({ q: a.criteria.q, alerts: 1 })));
    const sut = matchingEngine(frequencies);
    const scan = new ScanAlertEngine();
    for (const a of alerts) {
      sut.upsert(a);
      scan.upsert(a);
    }
    // A tenth removed, a tenth replaced by another alert's criteria (anchors and places change).
    for (let i = 0; i < alerts.length; i += 10) {
      sut.remove(alerts[i]!.id);
      scan.remove(alerts[i]!.id);
      const moved = { ...alerts[(i + 7) % alerts.length]!, id: alerts[i + 1]!.id };
      sut.upsert(moved);
      scan.upsert(moved);
    }

    let matches = 0;
    for (let i = 0; i < real.offers.length; i += 25) {
      const prepared = prepareOffer(real.offers[i]!);
      const expected = scan.matchPrepared(prepared).sort(byId);
      expect({ offer: i, matches: sut.matchPrepared(prepared).sort(byId) }).toEqual({
        offer: i,
        matches: expected,
      });
      matches += expected.length;
    }
    // The comparison is not vacuous: the sample matches alerts.
    expect(matches).toBeGreaterThan(500);
  });
});
