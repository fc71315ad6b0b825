import { MatchExplanationSchema, Offer } from '@vigie/contracts';
import { canonicalOffer, offerPlace } from '@vigie/testing/unit';
import { AlertPlace, distanceKm, explainMatch, MatchableAlert } from './explain-match';
import { tokenize } from './keywords';

const LYON = { latitude: 45.764, longitude: 4.8357 };
const VILLEURBANNE = { latitude: 45.7719, longitude: 4.8902 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };

const baseOffer = canonicalOffer({
  description: 'Au sein de l’équipe plateforme, vous concevez des services Node.js et NestJS en TypeScript.',
});

function offerAt(geo: { latitude: number; longitude: number } | null, overrides: Partial<Offer> = {}): Offer {
  return { ...baseOffer, place: offerPlace({ geo, geoPrecision: geo ? 'feed' : null }), ...overrides };
}
const contract = (type: Offer['contract']['type']) => ({ contract: { type, source: null } });

function alert(overrides: Partial<MatchableAlert> = {}): MatchableAlert {
  const keywords = overrides.keywords ?? ['TypeScript'];
  return {
    id: 'c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d',
    candidateId: 'cand-7f3a9c',
    email: 'camille.martin@example.org',
    keywords,
    keywordTokens: tokenize(keywords.join(' ')),
    place: null,
    area: null,
    contractTypes: [],
    frequency: 'instant',
    ...overrides,
  };
}

const place = (radiusKm: number, at = LYON, label = 'Lyon'): AlertPlace => ({
  label,
  communeCode: '69123',
  ...at,
  radiusKm,
});
const tokensOf = (offer: Offer) =>
  new Set(tokenize(`${offer.title} ${offer.description} ${offer.companyName ?? ''}`));

describe('distanceKm', () => {
  it('measures Lyon to Villeurbanne as about 4.3 km (haversine)', () => {
    expect(distanceKm(LYON, VILLEURBANNE)).toBeCloseTo(4.3, 1);
  });

  it('measures Lyon to Paris as about 391 km', () => {
    expect(distanceKm(LYON, PARIS)).toBeGreaterThan(390);
    expect(distanceKm(LYON, PARIS)).toBeLessThan(393);
  });

  it('is zero from a point to itself and symmetric', () => {
    expect(distanceKm(LYON, LYON)).toBe(0);
    expect(distanceKm(VILLEURBANNE, LYON)).toBeCloseTo(distanceKm(LYON, VILLEURBANNE), 10);
  });
});

describe('explainMatch', () => {
  it('matches when every keyword of the alert is in the offer', () => {
    const offer = offerAt(VILLEURBANNE);

    expect(
      explainMatch(offer, tokensOf(offer), alert({ keywords: ['TypeScript', 'NestJS'] })),
    ).not.toBeNull();
  });

  it('does not match when one keyword is missing', () => {
    const offer = offerAt(VILLEURBANNE);

    expect(explainMatch(offer, tokensOf(offer), alert({ keywords: ['TypeScript', 'Kotlin'] }))).toBeNull();
  });

  it('matches any contract type when the alert names none, and says so with a null contract', () => {
    const offer = offerAt(VILLEURBANNE, contract('freelance'));

    expect(explainMatch(offer, tokensOf(offer), alert())?.contractType).toBeNull();
  });

  it('matches only the contract types the alert names', () => {
    const offer = offerAt(VILLEURBANNE, contract('cdi'));

    expect(explainMatch(offer, tokensOf(offer), alert({ contractTypes: ['cdd', 'interim'] }))).toBeNull();
    expect(explainMatch(offer, tokensOf(offer), alert({ contractTypes: ['cdd', 'cdi'] }))?.contractType).toBe(
      'cdi',
    );
  });

  it('matches a professionalisation contract only for alerts that ask for it', () => {
    const offer = offerAt(VILLEURBANNE, contract('professionalisation'));

    expect(explainMatch(offer, tokensOf(offer), alert({ contractTypes: ['apprenticeship'] }))).toBeNull();
    expect(
      explainMatch(offer, tokensOf(offer), alert({ contractTypes: ['professionalisation'] }))?.contractType,
    ).toBe('professionalisation');
  });

  it('matches an offer within the radius and gives its distance rounded to 100 m', () => {
    const offer = offerAt(VILLEURBANNE);

    const explanation = explainMatch(offer, tokensOf(offer), alert({ place: place(5) }));

    expect(explanation).toEqual({
      matchedKeywords: ['TypeScript'],
      contractType: null,
      distanceKm: 4.3,
      radiusKm: 5,
      placeLabel: 'Lyon',
    });
  });

  it('does not match an offer beyond the radius', () => {
    const offer = offerAt(VILLEURBANNE);

    expect(explainMatch(offer, tokensOf(offer), alert({ place: place(4) }))).toBeNull();
  });

  it('matches a fully remote offer beyond the radius', () => {
    const offer = offerAt(PARIS, { remote: 'full' });

    const explanation = explainMatch(offer, tokensOf(offer), alert({ place: place(20) }));

    expect(explanation).not.toBeNull();
    expect(explanation?.radiusKm).toBe(20);
  });

  it('does not match a partly remote offer beyond the radius', () => {
    const offer = offerAt(PARIS, { remote: 'partial' });

    expect(explainMatch(offer, tokensOf(offer), alert({ place: place(20) }))).toBeNull();
  });

  it('does not match an offer without coordinates against an alert with a place', () => {
    const noGeo = offerAt(null, { remote: 'partial' });
    const noLocation = { ...baseOffer, place: null, remote: 'none' as const };

    expect(explainMatch(noGeo, tokensOf(noGeo), alert({ place: place(50) }))).toBeNull();
    expect(explainMatch(noLocation, tokensOf(noLocation), alert({ place: place(50) }))).toBeNull();
  });

  it('matches a fully remote offer without coordinates, with no distance to show', () => {
    const offer = { ...baseOffer, place: null, remote: 'full' as const };

    expect(explainMatch(offer, tokensOf(offer), alert({ place: place(10) }))).toEqual({
      matchedKeywords: ['TypeScript'],
      contractType: null,
      distanceKm: null,
      radiusKm: 10,
      placeLabel: 'Lyon',
    });
  });

  it('ignores location entirely for an alert without a place', () => {
    const offer = offerAt(PARIS);

    expect(explainMatch(offer, tokensOf(offer), alert())).toEqual({
      matchedKeywords: ['TypeScript'],
      contractType: null,
      distanceKm: null,
      radiusKm: null,
      placeLabel: null,
    });
  });

  it('explains with the keywords as the candidate typed them and satisfies the contract', () => {
    const offer = offerAt(VILLEURBANNE);

    const explanation = explainMatch(
      offer,
      tokensOf(offer),
      alert({
        keywords: ['Développeurs', 'typescript'],
        contractTypes: ['cdi'],
        place: place(20, LYON, 'Lyon 3e'),
      }),
    );

    expect(explanation?.matchedKeywords).toEqual(['Développeurs', 'typescript']);
    expect(explanation?.placeLabel).toBe('Lyon 3e');
    expect(MatchExplanationSchema.safeParse(explanation).success).toBe(true);
  });
});
