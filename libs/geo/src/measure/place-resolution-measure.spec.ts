import { sharedDataFile } from '@vigie/testing/unit';
import { loadGazetteer } from '../index';
import { readFranceTravailPlaces } from './france-travail-places';
import { type FranceTravailPlace, measurePlaceResolution } from './place-resolution-measure';

/**
 * Written for this test from the label shapes France Travail uses (not copied from its data): used
 * when the real offers are absent, so the measurement always runs.
 */
const SAMPLE: FranceTravailPlace[] = [
  { libelle: '69 - LYON 03', commune: '69383', codePostal: '69003', latitude: 45.7597, longitude: 4.8422 },
  { libelle: '75 - Paris 15e Arrondissement', commune: '75115', codePostal: '75015' },
  { libelle: '13 - MARSEILLE 08', commune: '13208', codePostal: '13008', latitude: 5.38, longitude: 43.27 },
  { libelle: '974 - ST DENIS', commune: '97411', codePostal: '97400', latitude: 55.45, longitude: -20.88 },
  { libelle: '2A - AJACCIO', commune: '2A004', codePostal: '20000' },
  {
    libelle: '92 - NANTERRE',
    commune: '92050',
    codePostal: '92000',
    latitude: 46.227638,
    longitude: 2.213749,
  },
  { libelle: '75', commune: '75056', latitude: 2.33, longitude: 48.86 },
  { libelle: '42 - ST ETIENNE', commune: '42218', codePostal: '42000' },
  { libelle: '85 - SABLES D OLONNE', commune: '85194', codePostal: '85100' },
  { libelle: '971 - POINTE A PITRE', commune: '97120', codePostal: '97110' },
  { libelle: '92 - PUTEAUX', codePostal: '92042' },
  { libelle: '69 - Rhône' },
  { libelle: 'Ile-de-France' },
  { libelle: 'France', latitude: 48.8128, longitude: 2.3878 },
];

describe('measurePlaceResolution', () => {
  const gazetteer = loadGazetteer();

  it('measures every shape of the embedded sample', () => {
    const measure = measurePlaceResolution(gazetteer, SAMPLE);
    expect(measure).toMatchObject({
      offers: 14,
      named: 11,
      namedResolved: 11,
      namedShare: 1,
      swappedFixed: 3,
      feedRejected: 1,
      feedKept: 2,
      areaOnly: 2,
      unresolved: [],
    });
    expect(measure.labelOnlyAgreed).toBe(measure.labelOnlyChecked);
    expect(measure.labelOnlyChecked).toBe(10); // « 75 » names no commune to compare
  });

  // The real offers when the data folder exists (CI and developers have it), else the sample: never skipped.
  const realOffers = sharedDataFile('offers_france_travail.jsonl');
  it(`resolves ≥ 98% of the ${realOffers ? 'real France Travail' : 'sample'} offers that name a commune or postal code`, async () => {
    const places = realOffers ? await readFranceTravailPlaces(realOffers) : SAMPLE;
    const measure = measurePlaceResolution(gazetteer, places);
    expect(measure.named).toBeGreaterThan(realOffers ? 2_500 : 10);
    expect(measure.namedShare).toBeGreaterThanOrEqual(0.98);
    expect(measure.swappedFixed).toBeGreaterThanOrEqual(realOffers ? 40 : 3);
    expect(measure.labelOnlyAgreed / measure.labelOnlyChecked).toBeGreaterThanOrEqual(0.99);
  });
});
