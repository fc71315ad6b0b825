import { OfferSchema } from '@vigie/contracts';
import { offerInput } from '@vigie/testing/unit';
import {
  annualEur,
  canonicalOfferContent,
  canonicalSalary,
  departmentOfCommune,
  frenchAmount,
  offerContentHash,
  offerContentHasher,
  salaryLabel,
} from './canonical-offer';
import { OfferInput, OfferInputSchema } from './offer-input.schema';

const NBSP = '\u00a0';
const parse = (overrides: Record<string, unknown> = {}): OfferInput =>
  OfferInputSchema.parse(offerInput({ externalRef: 'REQ-1', ...overrides }));

describe('annualEur', () => {
  it.each([
    [45_000, 'year', 45_000],
    [1_800, 'month', 21_600],
    [2_345.67, 'month', 28_148],
    [12, 'hour', 19_284],
    [11.65, 'hour', 18_722],
    [10.5, 'hour', 16_874],
  ] as const)('%s per %s is %s EUR a year, to the euro', (amount, period, expected) => {
    expect(annualEur(amount, period)).toBe(expected);
  });
});

describe('salaryLabel', () => {
  it('writes French figures: grouped thousands, decimal comma, no-break spaces', () => {
    expect(frenchAmount(1_234_567.5)).toBe(`1${NBSP}234${NBSP}567,5`);
    expect(frenchAmount(999)).toBe('999');
    expect(frenchAmount(0)).toBe('0');
  });

  it.each([
    [45_000, 55_000, 'year', `45${NBSP}000 à 55${NBSP}000${NBSP}€ par an`],
    [1_800, 1_800, 'month', `1${NBSP}800${NBSP}€ par mois`],
    [11.65, null, 'hour', `à partir de 11,65${NBSP}€ de l'heure`],
    [null, 2_000, 'month', `jusqu'à 2${NBSP}000${NBSP}€ par mois`],
  ] as const)('labels %s–%s per %s as the recruiter gave it', (min, max, period, label) => {
    expect(salaryLabel(min, max, period)).toBe(label);
  });
});

describe('canonicalSalary', () => {
  it('converts both bounds and keeps the original wording', () => {
    expect(canonicalSalary({ min: 1_800, max: 2_000, period: 'month' })).toEqual({
      minAnnualEur: 21_600,
      maxAnnualEur: 24_000,
      label: `1${NBSP}800 à 2${NBSP}000${NBSP}€ par mois`,
    });
  });

  it('keeps an unknown bound unknown, and no figure at all means no salary', () => {
    expect(canonicalSalary({ min: 12, period: 'hour' })).toMatchObject({ maxAnnualEur: null });
    expect(canonicalSalary({ period: 'year' })).toBeNull();
    expect(canonicalSalary(undefined)).toBeNull();
  });
});

describe('departmentOfCommune', () => {
  it.each([
    ['69383', '69'],
    ['2A004', '2A'],
    ['2B033', '2B'],
    ['97105', '971'],
    ['97611', '976'],
    ['01053', '01'],
  ])('derives the department of %s: %s', (commune, department) => {
    expect(departmentOfCommune(commune)).toBe(department);
  });

  it.each(['97701', '98735', '00000', '20000'])('says nothing for %s, which is no department', (code) => {
    expect(departmentOfCommune(code)).toBeNull();
  });

  it('says nothing without a commune code', () => {
    expect(departmentOfCommune(undefined)).toBeNull();
  });
});

describe('canonicalOfferContent', () => {
  it('maps a complete input to the canonical offer', () => {
    expect(canonicalOfferContent(parse({ validThrough: '2027-02-01T00:00:00+01:00' }))).toEqual({
      title: 'Développeur back-end TypeScript (H/F)',
      description:
        "Vous rejoignez l'équipe plateforme pour concevoir des services Node.js. Au moins 2 ans d'expérience.",
      descriptionHtml: null,
      companyName: 'Atelier Numérique Lyonnais',
      contract: { type: 'cdi', source: null },
      workingTime: 'full_time',
      remote: 'partial',
      place: {
        label: 'Lyon',
        postalCode: '69003',
        commune: null,
        departmentCode: '69',
        regionCode: null,
        geo: { latitude: 45.7597, longitude: 4.8422 },
        geoPrecision: 'feed',
      },
      salary: {
        minAnnualEur: 45_000,
        maxAnnualEur: 55_000,
        label: `45${NBSP}000 à 55${NBSP}000${NBSP}€ par an`,
      },
      romeCode: 'M1805',
      applyUrl: 'https://jobs.example.fr/offres/42',
      validThrough: '2027-01-31T23:00:00.000Z',
      clusterId: null,
      moderation: { status: 'clean', ruleIds: [] },
    });
  });

  it('turns absent optional fields into explicit nulls', () => {
    const minimal = OfferInputSchema.parse({
      externalRef: 'R-1',
      title: 'Stage',
      description: 'Desc',
      contractType: 'internship',
    });

    expect(canonicalOfferContent(minimal)).toMatchObject({
      companyName: null,
      workingTime: null,
      remote: 'none',
      place: null,
      salary: null,
      romeCode: null,
      applyUrl: null,
      validThrough: null,
    });
  });

  it('stores the v1 remote value hybrid as partial', () => {
    expect(canonicalOfferContent(parse({ remote: 'hybrid' })).remote).toBe('partial');
  });

  it('keeps a place without coordinates or commune code, with nothing guessed', () => {
    expect(
      canonicalOfferContent(parse({ location: { city: 'Villeurbanne', postalCode: '69100' } })).place,
    ).toEqual({
      label: 'Villeurbanne',
      postalCode: '69100',
      commune: null,
      departmentCode: null,
      regionCode: null,
      geo: null,
      geoPrecision: null,
    });
  });

  it('keeps a zero coordinate (the equator or Greenwich is a real place)', () => {
    const place = canonicalOfferContent(
      parse({ location: { city: 'Null Island', latitude: 0, longitude: 0 } }),
    ).place;

    expect(place?.geo).toEqual({ latitude: 0, longitude: 0 });
  });

  it('produces what the offer contract accepts once a publication date is added', () => {
    for (const contractType of ['professionalisation', 'seasonal']) {
      const content = canonicalOfferContent(parse({ contractType, salary: { min: 11.65, period: 'hour' } }));
      const parsed = OfferSchema.safeParse({ ...content, publishedAt: '2026-11-27T08:00:00.000Z' });
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });
});

describe('offerContentHash', () => {
  const content = () => canonicalOfferContent(parse());

  it('does not depend on the order of the keys, at any depth (jsonb reorders them)', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reversed = reverseKeys(content()) as ReturnType<typeof content>;

    expect(Object.keys(reversed)).not.toEqual(Object.keys(content()));
    expect(offerContentHash(reversed, null)).toBe(offerContentHash(content(), null));
  });

  it('changes with the content and with the stated publication date', () => {
    const base = offerContentHash(content(), null);

    expect(offerContentHash({ ...content(), workingTime: 'part_time' }, null)).not.toBe(base);
    expect(offerContentHash(content(), '2026-11-27T08:00:00.000Z')).not.toBe(base);
  });

  it('is SHA-256 in hex', () => {
    expect(offerContentHash(content(), null)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('offerContentHasher', () => {
  const content = canonicalOfferContent(parse({ applyUrl: 'https://jobs.example.fr/REQ-1' }));
  const published = '2026-11-27T08:00:00.000Z';

  it.each([
    ['a cluster id', 'c0ffee00c0ffee00c0ffee00c0ffee00', null],
    ['no cluster', null, null],
    ['a stated publication date', 'c0ffee00c0ffee00c0ffee00c0ffee00', published],
  ])('hashes exactly as offerContentHash once the cluster is known (%s)', (_, clusterId, at) => {
    const sut = offerContentHasher({ ...content, clusterId: 'ignored' }, at);

    expect(sut(clusterId)).toBe(offerContentHash({ ...content, clusterId }, at));
  });

  it('hashes the same when the key that sorts before clusterId is the first one or absent', () => {
    const { applyUrl: _applyUrl, ...rest } = content;
    const without = rest as typeof content;

    expect(offerContentHasher(without, null)('k')).toBe(
      offerContentHash({ ...without, clusterId: 'k' }, null),
    );
  });
});
