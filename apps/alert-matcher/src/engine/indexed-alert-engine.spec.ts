import { CONTRACT_TYPES, REMOTE_MODES, WORKING_TIMES } from '@vigie/contracts';
import fc from 'fast-check';
import type { EngineAlert, EnginePlace, MatchableOffer } from './alert-engine';
import { documentFrequencies, IndexedAlertEngine } from './indexed-alert-engine';
import { type PreparedOffer, prepareOffer } from './prepared-offer';
import { ScanAlertEngine } from './scan-alert-engine';
import { generateAlerts, TEST_ALERT_DISTRIBUTION } from './test/alert-generator';
import { engineAlert, engineOffer } from './test/engine.factory';
import { realMatchingData } from './test/real-data';

// The index is an optimisation of the scan: on any alerts and any offers, the same matches with
// the same explanations. Real offers from ../shared/data; the property fails loudly without them.
const real = realMatchingData();
if (real === null) throw new Error('../shared/data is missing: the engine properties need the real offers');
const offers = real.offers;
// Analysed on first use: only the sampled offers pay for it.
const cache = new Map<number, PreparedOffer>();
const preparedAt = (i: number): PreparedOffer => {
  let found = cache.get(i);
  if (found === undefined) cache.set(i, (found = prepareOffer(offers[i]!)));
  return found;
};
const df = documentFrequencies(Array.from({ length: 300 }, (_, i) => preparedAt(i * 11)));

const sorted = (ms: ReturnType<ScanAlertEngine['match']>) =>
  [...ms].sort((a, b) => (a.alertId < b.alertId ? -1 : 1));

function expectSameAnswers(
  alerts: readonly EngineAlert[],
  sample: readonly number[],
  indexed = new IndexedAlertEngine({ documentFrequency: df }),
) {
  const scan = new ScanAlertEngine();
  for (const a of alerts) {
    scan.upsert(a);
    indexed.upsert(a);
  }
  let matches = 0;
  for (const i of sample) {
    const expected = sorted(scan.matchPrepared(preparedAt(i)));
    expect({ offer: offers[i]!.id, matches: sorted(indexed.matchPrepared(preparedAt(i))) }).toEqual({
      offer: offers[i]!.id,
      matches: expected,
    });
    matches += expected.length;
  }
  return { scan, indexed, matches };
}

const offerIndex = fc.nat({ max: offers.length - 1 });

describe('IndexedAlertEngine', () => {
  it('answers like the scan on generated alerts (real labels and communes) and real offers', () => {
    let total = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(offerIndex, { minLength: 40, maxLength: 40 }),
        (seed, sample) => {
          total += expectSameAnswers([...generateAlerts(300, real.data, seed)], sample).matches;
        },
      ),
      { numRuns: 10 },
    );
    expect(total).toBeGreaterThan(0); // the property saw matches, not only empty answers
  });

  it('answers like the scan on ROME alerts that look in a place (listed by code × place)', () => {
    // Half the alerts name a ROME code without keywords and look around a commune, in a
    // department or region, or anywhere; the offers sampled include ones of those codes.
    const romeInPlaces = {
      ...TEST_ALERT_DISTRIBUTION,
      kind: [
        ['keywords', 40],
        ['place-only', 10],
        ['rome', 50],
      ],
      romeWhere: TEST_ALERT_DISTRIBUTION.where,
    } satisfies typeof TEST_ALERT_DISTRIBUTION;
    let total = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(offerIndex, { minLength: 40, maxLength: 40 }),
        (seed, sample) => {
          const alerts = [...generateAlerts(300, real.data, seed, romeInPlaces)];
          // Some alerts on the sampled offers' own codes, so the code × place lists are hit.
          sample.slice(0, 10).forEach((i, k) => {
            const code = offers[i]!.romeCode;
            if (code !== null)
              alerts[k] = {
                ...alerts[k]!,
                criteria: { ...alerts[k]!.criteria, q: null, romeCodes: [code, 'M1805'] },
              };
          });
          total += expectSameAnswers(alerts, sample).matches;
        },
      ),
      { numRuns: 10 },
    );
    expect(total).toBeGreaterThan(0);
  });

  it('answers like the scan on arbitrary alerts drawn around real offers', () => {
    // Alerts made from a real offer's own values (its words, place, company) hit it often, so
    // both sides of every criterion are exercised, not only misses.
    const alertAround = fc
      .tuple(
        offerIndex,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        fc.double({ min: 1, max: 200, noNaN: true }),
      )
      .chain(([i, a, b, whereKind, radiusKm]) => {
        const o = offers[i]!;
        const words = `${o.title} ${o.companyName ?? ''}`.split(/\s+/).filter((w) => w.length > 2);
        const w1 = words[a % Math.max(1, words.length)] ?? 'agent';
        const w2 = words[b % Math.max(1, words.length)] ?? 'vente';
        return fc
          .record({
            q: fc.constantFrom<string | null>(
              null,
              w1,
              `${w1} ${w2}`,
              `"${w1} ${w2}"`,
              `${w1}-${w2}`,
              `${w2} -"${w1} ${w2}"`,
              `${w1} -${w2}`,
              `-${w2}`,
              'dev',
              'RH',
            ),
            contractTypes: fc.subarray([...CONTRACT_TYPES], { maxLength: 3 }),
            workingTimes: fc.subarray([...WORKING_TIMES]),
            remote: fc.subarray([...REMOTE_MODES]),
            minAnnualSalary: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
            includeUnsalaried: fc.boolean(),
            romeCodes: fc.constantFrom<string[]>([], o.romeCode === null ? [] : [o.romeCode], ['M1805']),
            company: fc.constantFrom<string | null>(null, null, null, o.companyName?.toUpperCase() ?? null),
          })
          .map((c): EngineAlert => {
            const lat = o.latitude ?? 45.76;
            const lon = o.longitude ?? 4.83;
            const places: Array<[EngineAlert['criteria']['where'], EnginePlace | undefined]> = [
              [null, undefined],
              [
                { kind: 'commune', communeCode: '69123', radiusKm: 10 },
                { kind: 'circle', latitude: lat + 0.3, longitude: lon - 0.2, radiusKm, label: 'x' },
              ],
              [
                { kind: 'commune', communeCode: '69123', radiusKm: 10 },
                { kind: 'circle', latitude: lat, longitude: lon, radiusKm, label: null },
              ],
              [
                { kind: 'department', code: o.departmentCode ?? '69' },
                { kind: 'department', code: o.departmentCode ?? '69', label: null },
              ],
              [
                { kind: 'region', code: o.regionCode ?? '84' },
                { kind: 'region', code: o.regionCode ?? '84', label: null },
              ],
            ];
            const [where, place] = places[whereKind % places.length]!;
            return engineAlert({ ...c, where }, place);
          });
      });
    fc.assert(
      fc.property(
        fc.array(alertAround, { minLength: 1, maxLength: 60 }),
        fc.array(offerIndex, { minLength: 30, maxLength: 30 }),
        (alerts, sample) => {
          expectSameAnswers(alerts, sample);
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([
    ['in upsert order', false, undefined],
    ['renumbered after the load and after the changes', true, undefined],
    // Every query of a term's place-less alerts in its own list: the split, then upserts and
    // removals routed to those lists, then a second split.
    ['renumbered, place-less alerts listed by query', true, 1],
  ])('stays equal to the scan through replacements and removals (%s)', (_, renumbered, queryListMin) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(offerIndex, { minLength: 30, maxLength: 30 }),
        (seed, sample) => {
          const alerts = [...generateAlerts(300, real.data, seed)];
          const engine = new IndexedAlertEngine({ documentFrequency: df, queryListMin });
          const { scan, indexed } = expectSameAnswers(alerts, [], engine);
          if (renumbered) indexed.renumber();
          if (queryListMin !== undefined) expect(indexed.counters.queryLists).toBeGreaterThan(0);
          // Replace a third with other criteria under the same id, remove another third.
          const others = [...generateAlerts(100, real.data, seed + 1)];
          alerts.slice(0, 100).forEach((a, k) => {
            const replacement = { ...others[k]!, id: a.id };
            scan.upsert(replacement);
            indexed.upsert(replacement);
          });
          alerts.slice(100, 200).forEach((a) => {
            scan.remove(a.id);
            indexed.remove(a.id);
          });
          expect(indexed.size).toBe(scan.size);
          if (renumbered) indexed.renumber();
          for (const i of sample)
            expect(sorted(indexed.matchPrepared(preparedAt(i)))).toEqual(
              sorted(scan.matchPrepared(preparedAt(i))),
            );
        },
      ),
      { numRuns: 6 },
    );
  });

  it('renumbers by itself once enough alerts were placed, with the same answers', () => {
    const alerts = [...generateAlerts(300, real.data, 5)];
    const sut = new IndexedAlertEngine({ documentFrequency: df, renumberAfter: 200 });
    const { matches } = expectSameAnswers(alerts, [0, 7, 11, 42], sut);

    expect(sut.counters.renumberings).toBe(1); // at the first offer, not again at the next ones
    expect(matches).toBeGreaterThan(0);
  });

  it('settles a bulk load at once, so the first offer has no renumbering left to do', () => {
    const alerts = [...generateAlerts(300, real.data, 5)];
    const sut = new IndexedAlertEngine({ documentFrequency: df, renumberAfter: 200 });
    const scan = new ScanAlertEngine();
    for (const a of alerts) {
      sut.upsert(a);
      scan.upsert(a);
    }

    sut.settle();
    sut.settle(); // nothing placed since: no second renumbering
    expect(sut.counters.renumberings).toBe(1);
    for (const i of [0, 7, 11, 42])
      expect(sorted(sut.matchPrepared(preparedAt(i)))).toEqual(sorted(scan.matchPrepared(preparedAt(i))));
    expect(sut.counters.renumberings).toBe(1);
  });

  it('refuses a minimum salary the schema would refuse (a fraction), naming the field', () => {
    const sut = new IndexedAlertEngine();

    expect(() => sut.upsert(engineAlert({ minAnnualSalary: 30_000.5 }))).toThrow(
      expect.objectContaining({
        code: 'ENGINE_ALERT_INVALID',
        message: expect.stringContaining('criteria.minAnnualSalary'),
      }),
    );
    expect(sut.size).toBe(0);
  });

  it('reads only the lists an offer can hit: an alert elsewhere is never verified', () => {
    const sut = new IndexedAlertEngine();
    const lille: EnginePlace = {
      kind: 'circle',
      latitude: 50.63,
      longitude: 3.06,
      radiusKm: 20,
      label: 'Lille',
    };
    sut.upsert(
      engineAlert(
        { q: 'développeur', where: { kind: 'commune', communeCode: '59350', radiusKm: 20 } },
        lille,
      ),
    );
    sut.upsert(engineAlert({ q: 'soudeur' }));
    sut.upsert(engineAlert({ romeCodes: ['H2913'] }));
    // A ROME alert around Lyon for another métier: listed under its code, not read either.
    sut.upsert(
      engineAlert(
        { romeCodes: ['H2913'], where: { kind: 'commune', communeCode: '69123', radiusKm: 30 } },
        { kind: 'circle', latitude: 45.76, longitude: 4.83, radiusKm: 30, label: 'Lyon' },
      ),
    );
    const offer: MatchableOffer = engineOffer(); // a developer in Lyon, ROME M1805
    expect(sut.match(offer)).toEqual([]);
    expect(sut.verifiedCandidates).toBe(0);
  });
});
