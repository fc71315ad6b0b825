import {
  analyzeFields,
  analyze,
  indexFields,
  matchesQuery,
  occursIn,
  parseQuery,
  toSequence,
} from '@vigie/analysis';
import { CONTRACT_TYPES, REMOTE_MODES, WORKING_TIMES } from '@vigie/contracts';
import { distanceKm } from '@vigie/geo';
import fc from 'fast-check';
import type { EngineAlert, EnginePlace, MatchableOffer } from './alert-engine';
import { compileAlert } from './compiled-alert';
import { prepareOffer } from './prepared-offer';
import { verifyMatch } from './verify-match';
import { engineAlert, engineOffer } from './test/engine.factory';

// Property tests of the verifier's semantics (SearchCriteria's doc comment), one criterion at a
// time: the rest of the alert is left empty so the property isolates what it is about.
const verify = (alert: EngineAlert, offer: MatchableOffer) =>
  verifyMatch(compileAlert(alert), prepareOffer(offer));
const RUNS = { numRuns: 300 };

const WORDS = [
  'soudeur',
  'infirmière',
  'infirmier',
  'cariste',
  'chef',
  'de',
  'projet',
  'java',
  'nuit',
  'équipe',
  'bloc',
  'opératoire',
  'vente',
  'magasin',
  'développeur',
  'dev',
  'aide-soignant',
  'aide',
  'soignant',
  'temps',
  'plein',
  'stage',
  'la',
  'RH',
  'ressources',
  'humaines',
  'Bac+2',
  'node.js',
  'Lyon',
];
const word = fc.constantFrom(...WORDS);
const text = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const clause = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean())
  .map(
    ([ws, quoted, negated]) =>
      `${negated ? '-' : ''}${quoted || ws.length > 1 ? `"${ws.join(' ')}"` : ws[0]}`,
  );
const query = fc.array(clause, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(' '));

const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const subset = <T>(values: readonly T[]) => fc.subarray([...values]);

describe('verifyMatch', () => {
  describe('text (q)', () => {
    it('fits exactly when @vigie/analysis matchesQuery says so over title, description and company', () => {
      fc.assert(
        fc.property(query, text, text, orNull(text), (q, title, description, companyName) => {
          const offer = engineOffer({ title, description, companyName });
          const expected = matchesQuery(parseQuery(q), analyzeFields({ title, description, companyName }));
          expect(verify(engineAlert({ q }), offer) !== null).toBe(expected);
        }),
        RUNS,
      );
    });

    it('explains each required term and phrase with exactly the fields it occurs in', () => {
      fc.assert(
        fc.property(query, text, text, orNull(text), (q, title, description, companyName) => {
          const explanation = verify(engineAlert({ q }), engineOffer({ title, description, companyName }));
          if (explanation === null) return;
          const parsed = parseQuery(q);
          const texts = { title, description, company: companyName };
          const wanted = [
            ...parsed.required.map((t) => ({ term: t.source, alternatives: t.alternatives })),
            ...parsed.phrases.map((p) => ({ term: p.source, alternatives: [p.sequence] })),
          ];
          expect(explanation.terms.map((t) => t.term)).toEqual(wanted.map((w) => w.term));
          wanted.forEach((w, i) => {
            const where = (['title', 'description', 'company'] as const).filter((f) => {
              const value = texts[f];
              if (value === null) return false;
              const [positions] = indexFields({ title: analyze(value) });
              return positions !== undefined && w.alternatives.some((a) => occursIn(positions, a));
            });
            expect(explanation.terms[i]!.fields).toEqual(where);
          });
        }),
        RUNS,
      );
    });

    it('never fits once a word of the offer is excluded, and a phrase lifted from the title always fits', () => {
      fc.assert(
        fc.property(
          fc.array(word, { minLength: 2, maxLength: 10 }),
          fc.nat(),
          fc.nat(),
          (titleWords, a, b) => {
            const title = titleWords.join(' ');
            const offer = engineOffer({ title, description: 'x', companyName: null });
            const excluded = titleWords[a % titleWords.length]!;
            if (toSequence(analyze(excluded)).length > 0)
              expect(verify(engineAlert({ q: `-"${excluded}"` }), offer)).toBeNull();
            const start = a % titleWords.length;
            const end = start + 1 + (b % Math.min(3, titleWords.length - start));
            const phrase = titleWords.slice(start, end).join(' ');
            expect(verify(engineAlert({ q: `"${phrase}"` }), offer)).not.toBeNull();
          },
        ),
        RUNS,
      );
    });

    it('needs a phrase in order and in one field', () => {
      const offer = engineOffer({
        title: 'Infirmière de bloc opératoire',
        description: 'Clinique',
        companyName: null,
      });
      expect(verify(engineAlert({ q: '"bloc opératoire"' }), offer)).not.toBeNull();
      expect(verify(engineAlert({ q: '"opératoire bloc"' }), offer)).toBeNull();
      expect(verify(engineAlert({ q: '"opératoire clinique"' }), offer)).toBeNull();
      expect(verify(engineAlert({ q: 'opératoire clinique' }), offer)).not.toBeNull();
    });
  });

  describe('where', () => {
    const point = fc.record({
      latitude: fc.double({ min: 41.5, max: 51, noNaN: true }),
      longitude: fc.double({ min: -5, max: 9.5, noNaN: true }),
    });
    const circle = (centre: { latitude: number; longitude: number }, radiusKm: number): EnginePlace => ({
      kind: 'circle',
      ...centre,
      radiusKm,
      label: null,
    });
    const communeAlert = (place: EnginePlace, remote: Array<(typeof REMOTE_MODES)[number]> = []) =>
      engineAlert(
        {
          where: {
            kind: 'commune',
            communeCode: '69123',
            radiusKm: place.kind === 'circle' ? Math.min(200, Math.max(1, place.radiusKm)) : 10,
          },
          remote,
        },
        place,
      );

    it('keeps an offer within the radius, boundary included, and drops it just beyond', () => {
      fc.assert(
        fc.property(point, point, (centre, at) => {
          const km = distanceKm(centre, at);
          fc.pre(km > 0.001);
          const offer = engineOffer({ ...at, remote: 'none' });
          expect(verify(communeAlert(circle(centre, km)), offer)).not.toBeNull();
          expect(verify(communeAlert(circle(centre, km * (1 - 1e-9))), offer)).toBeNull();
          const explanation = verify(communeAlert(circle(centre, km + 1)), offer);
          expect(explanation?.distanceKm).toBeCloseTo(km, 1);
          expect(explanation?.radiusKm).toBe(km + 1);
        }),
        RUNS,
      );
    });

    it('never places an offer without coordinates in a radius, nor one without codes in an area', () => {
      const offer = engineOffer({
        latitude: null,
        longitude: null,
        departmentCode: null,
        regionCode: null,
        remote: 'partial',
      });
      const lyon = circle({ latitude: 45.764, longitude: 4.8357 }, 200);
      expect(verify(communeAlert(lyon), offer)).toBeNull();
      expect(
        verify(
          engineAlert(
            { where: { kind: 'department', code: '69' } },
            { kind: 'department', code: '69', label: null },
          ),
          offer,
        ),
      ).toBeNull();
      expect(
        verify(
          engineAlert({ where: { kind: 'region', code: '84' } }, { kind: 'region', code: '84', label: null }),
          offer,
        ),
      ).toBeNull();
    });

    it('keeps an offer in the department or region only, or fully remote when the alert accepts it', () => {
      const dep = fc.constantFrom('69', '75', '13', '2A', '971');
      const reg = fc.constantFrom('84', '11', '93', '94', '01');
      fc.assert(
        fc.property(
          dep,
          orNull(dep),
          reg,
          orNull(reg),
          subset(REMOTE_MODES),
          fc.constantFrom(...REMOTE_MODES),
          (alertDep, offerDep, alertReg, offerReg, remote, offerRemote) => {
            const offer = engineOffer({
              departmentCode: offerDep,
              regionCode: offerReg,
              remote: offerRemote,
            });
            const remoteOk = remote.length === 0 || remote.includes(offerRemote);
            const fullRemote = remote.includes('full') && offerRemote === 'full';
            const byDep = verify(
              engineAlert(
                { where: { kind: 'department', code: alertDep }, remote },
                { kind: 'department', code: alertDep, label: 'Rhône' },
              ),
              offer,
            );
            expect(byDep !== null).toBe(remoteOk && (offerDep === alertDep || fullRemote));
            if (byDep !== null) expect(byDep.fullRemote).toBe(offerDep !== alertDep);
            const byReg = verify(
              engineAlert(
                { where: { kind: 'region', code: alertReg }, remote },
                { kind: 'region', code: alertReg, label: null },
              ),
              offer,
            );
            expect(byReg !== null).toBe(remoteOk && (offerReg === alertReg || fullRemote));
          },
        ),
        RUNS,
      );
    });

    it('matches a fully remote offer anywhere only when the alert’s remote modes include full', () => {
      fc.assert(
        fc.property(subset(REMOTE_MODES), fc.constantFrom(...REMOTE_MODES), (remote, offerRemote) => {
          // Paris offer, alert around Marseille (660 km away).
          const offer = engineOffer({ latitude: 48.8566, longitude: 2.3522, remote: offerRemote });
          const explanation = verify(
            communeAlert(circle({ latitude: 43.2965, longitude: 5.3698 }, 100), remote),
            offer,
          );
          expect(explanation !== null).toBe(remote.includes('full') && offerRemote === 'full');
          if (explanation !== null) expect(explanation).toMatchObject({ fullRemote: true, distanceKm: null });
        }),
        RUNS,
      );
    });
  });

  describe('filters', () => {
    it('accepts any value with an empty list, the listed values only otherwise, never an unknown value', () => {
      fc.assert(
        fc.property(
          subset(CONTRACT_TYPES),
          orNull(fc.constantFrom(...CONTRACT_TYPES)),
          subset(WORKING_TIMES),
          orNull(fc.constantFrom(...WORKING_TIMES)),
          subset(REMOTE_MODES),
          orNull(fc.constantFrom(...REMOTE_MODES)),
          fc.subarray(['M1805', 'J1506', 'H2913']),
          orNull(fc.constantFrom('M1805', 'J1506', 'K2307')),
          (contracts, contract, times, time, remotes, remote, romes, rome) => {
            const offer = engineOffer({ contractType: contract, workingTime: time, remote, romeCode: rome });
            const ok = <T>(list: readonly T[], v: T | null) =>
              list.length === 0 || (v !== null && list.includes(v));
            const alert = engineAlert({
              contractTypes: contracts,
              workingTimes: times,
              remote: remotes,
              romeCodes: romes,
            });
            const explanation = verify(alert, offer);
            expect(explanation !== null).toBe(
              ok(contracts, contract) && ok(times, time) && ok(remotes, remote) && ok(romes, rome),
            );
            const asked = [contracts, times, remotes, romes].filter((l) => l.length > 0).length;
            if (explanation !== null) expect(explanation.filters).toHaveLength(asked);
          },
        ),
        RUNS,
      );
    });

    it('compares the highest stated salary with the minimum, unsalaried offers by the candidate’s choice', () => {
      const amount = orNull(fc.integer({ min: 0, max: 120_000 }));
      fc.assert(
        fc.property(
          amount,
          amount,
          orNull(fc.integer({ min: 0, max: 120_000 })),
          fc.boolean(),
          (a, b, min, includeUnsalaried) => {
            const [lo, hi] = a !== null && b !== null && a > b ? [b, a] : [a, b];
            const offer = engineOffer({ salaryMinAnnual: lo, salaryMaxAnnual: hi });
            const fits = verify(engineAlert({ minAnnualSalary: min, includeUnsalaried }), offer) !== null;
            const stated = hi ?? lo;
            expect(fits).toBe(min === null || (stated === null ? includeUnsalaried : stated >= min));
            // Monotone: asking for less never loses an offer.
            if (fits && min !== null && min > 0)
              expect(
                verify(engineAlert({ minAnnualSalary: min - 1, includeUnsalaried }), offer),
              ).not.toBeNull();
          },
        ),
        RUNS,
      );
    });

    it('compares the company as a whole name, ignoring case and accents', () => {
      const companies = ['Clinique du Parc', 'Société Générale', 'Atelier Numérique Lyonnais', 'Parc'];
      const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
      fc.assert(
        fc.property(
          fc.constantFrom(...companies),
          fc.constantFrom(...companies),
          fc.boolean(),
          fc.boolean(),
          (asked, actual, upper, stripped) => {
            const written = (stripped ? fold(asked) : asked)[upper ? 'toUpperCase' : 'toLowerCase']();
            const fits =
              verify(engineAlert({ company: written }), engineOffer({ companyName: actual })) !== null;
            expect(fits).toBe(asked === actual);
          },
        ),
        RUNS,
      );
      expect(verify(engineAlert({ company: 'Parc' }), engineOffer({ companyName: null }))).toBeNull();
    });
  });
});
