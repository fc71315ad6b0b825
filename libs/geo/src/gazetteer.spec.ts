import { CommuneRefSchema, OfferPlaceSchema } from '@vigie/contracts';
import { loadGazetteer, toCommuneRef, toOfferPlace } from './index';

describe('Gazetteer', () => {
  const gazetteer = loadGazetteer();

  it('has every commune of metropolitan France and the overseas departments', () => {
    const current = gazetteer.communes().filter((c) => c.kind === 'commune-actuelle');
    expect(current.length).toBeGreaterThan(34_800);
    expect(gazetteer.departments()).toHaveLength(101);
    expect(gazetteer.regions()).toHaveLength(18);
    expect(gazetteer.department('975')).toBeNull(); // overseas collectivity: outside the INSEE regions
  });

  it('gives every commune coordinates inside France or its overseas departments', () => {
    const inFrance = (lat: number, lon: number): boolean =>
      (lat > 41.3 && lat < 51.1 && lon > -5.2 && lon < 9.6) || // metropolitan France and Corsica
      (lat > 15.8 && lat < 16.6 && lon > -61.9 && lon < -61) || // Guadeloupe
      (lat > 14.3 && lat < 14.9 && lon > -61.3 && lon < -60.8) || // Martinique
      (lat > 2 && lat < 5.8 && lon > -54.7 && lon < -51.6) || // Guyane
      (lat > -21.4 && lat < -20.8 && lon > 55.2 && lon < 55.9) || // La Réunion
      (lat > -13.1 && lat < -12.6 && lon > 45 && lon < 45.4); // Mayotte
    const outside = gazetteer.communes().filter((c) => !inFrance(c.geo.latitude, c.geo.longitude));
    expect(outside.map((c) => `${c.code} ${c.name}`)).toEqual([]);
  });

  it('records the precision: only prefecture fallbacks are department-level', () => {
    const mislabelled = gazetteer
      .communes()
      .filter((c) => c.geoPrecision !== (c.geoSource === 'prefecture' ? 'department' : 'commune'));
    expect(mislabelled).toEqual([]);
    const byPrefecture = gazetteer.communes().filter((c) => c.geoSource === 'prefecture');
    expect(byPrefecture.length).toBeLessThan(50);
    expect(gazetteer.commune('22016')).toMatchObject({
      name: 'Île-de-Bréhat',
      geoSource: 'prefecture',
      geoPrecision: 'department',
    });
  });

  it('resolves Paris, Lyon and Marseille and each of their arrondissements, with coordinates', () => {
    for (const [code, arrondissements] of [
      ['75056', 20],
      ['69123', 9],
      ['13055', 16],
    ] as const) {
      const city = gazetteer.commune(code)!;
      expect(city).toMatchObject({
        kind: 'commune-actuelle',
        geoSource: 'geonames',
        geoPrecision: 'commune',
      });
      const parts = gazetteer.partsOf(code).filter((p) => p.kind === 'arrondissement-municipal');
      expect(parts).toHaveLength(arrondissements);
      for (const part of parts) {
        expect(gazetteer.commune(part.code)).toBe(part);
        expect(part).toMatchObject({
          parentCode: code,
          departmentCode: city.departmentCode,
          geoPrecision: 'commune',
        });
        expect(gazetteer.communesWithPostalCode(part.postalCodes[0]!)).toContain(part);
      }
    }
    expect(gazetteer.commune('69383')).toMatchObject({
      name: 'Lyon 3e Arrondissement',
      geoSource: 'geonames',
    });
    expect(gazetteer.commune('13208')).toMatchObject({
      name: 'Marseille 8e Arrondissement',
      geoSource: 'geonames',
    });
    // GeoNames has no place for Paris' arrondissements: they take Paris' centre.
    expect(gazetteer.commune('75115')).toMatchObject({
      geoSource: 'parent',
      geo: gazetteer.commune('75056')!.geo,
    });
  });

  it('prefers the new commune where a commune déléguée shares its code, and still finds the déléguée by name', () => {
    expect(gazetteer.commune('01015')).toMatchObject({
      name: 'Arboys en Bugey',
      kind: 'commune-actuelle',
      parentCode: null,
    });
    expect(gazetteer.communesNamed('Arbignieu')).toEqual([
      expect.objectContaining({ code: '01015', kind: 'commune-deleguee', parentCode: '01015' }),
    ]);
  });

  it('covers Corsica and the overseas departments', () => {
    expect(gazetteer.commune('2A004')).toMatchObject({
      name: 'Ajaccio',
      departmentCode: '2A',
      regionCode: '94',
    });
    expect(gazetteer.commune('2b033')).toMatchObject({ name: 'Bastia', departmentCode: '2B' });
    expect(gazetteer.commune('97411')).toMatchObject({
      name: 'Saint-Denis',
      departmentCode: '974',
      regionCode: '04',
    });
    expect(gazetteer.commune('97611')).toMatchObject({
      name: 'Mamoudzou',
      departmentCode: '976',
      geoPrecision: 'commune',
    });
    expect(gazetteer.department('2A')).toEqual({
      code: '2A',
      name: 'Corse-du-Sud',
      regionCode: '94',
      prefectureCode: '2A004',
    });
    expect(gazetteer.region('94')).toMatchObject({ name: 'Corse', departmentCodes: ['2A', '2B'] });
  });

  it('finds departments and regions by name, code or France Travail spelling', () => {
    expect(gazetteer.area('Hauts de Seine')).toMatchObject({ code: '92' });
    expect(gazetteer.area('Rhin (Bas)')).toMatchObject({ code: '67' });
    expect(gazetteer.area('Savoie (Haute)')).toMatchObject({ code: '74' });
    expect(gazetteer.area('Belfort (Territoire de)')).toMatchObject({ code: '90' });
    expect(gazetteer.area('Réunion')).toMatchObject({ code: '974', prefectureCode: '97411' });
    expect(gazetteer.area('Ile-de-France')).toMatchObject({ code: '11', capitalCode: '75056' });
    expect(gazetteer.area('2b')).toMatchObject({ code: '2B' });
    expect(gazetteer.area('Luxembourg')).toBeNull();
  });

  it('shares one instance per process', () => {
    expect(loadGazetteer()).toBe(gazetteer);
  });

  it('maps communes and resolutions onto the contracts', () => {
    const ref = toCommuneRef(gazetteer.commune('69383')!);
    expect(CommuneRefSchema.parse(ref)).toEqual({
      code: '69383',
      name: 'Lyon 3e Arrondissement',
      departmentCode: '69',
      regionCode: '84',
    });
    const place = toOfferPlace(gazetteer.resolvePlace({ label: '69 - LYON 03' }), '69 - LYON 03');
    expect(OfferPlaceSchema.parse(place)).toMatchObject({
      postalCode: '69003',
      commune: ref,
      geoPrecision: 'commune',
    });
  });
});
