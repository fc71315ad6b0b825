import type { EtalabCommune, EtalabSource } from './etalab-source';
import type { GeoNamesPlace } from './geonames-reader';
import { locateCommunes } from './locate-communes';

// A made-up department 01 (region 84) whose communes exercise each step of the join.
const commune = (code: string, nom: string, extra: Partial<EtalabCommune> = {}): EtalabCommune => ({
  code,
  nom,
  type: 'commune-actuelle',
  departement: '01',
  region: '84',
  zone: 'metro',
  codesPostaux: ['01000'],
  population: 1000,
  ...extra,
});
const place = (
  name: string,
  inseeCode: string,
  latitude: number,
  longitude: number,
  extra: Partial<GeoNamesPlace> = {},
): GeoNamesPlace => ({
  name,
  latitude,
  longitude,
  featureCode: 'PPL',
  departmentCode: '01',
  inseeCode,
  population: 1000,
  ...extra,
});

const source: EtalabSource = {
  regions: [{ code: '84', nom: 'Région', chefLieu: '01001', zone: 'metro' }],
  departments: [{ code: '01', nom: 'Département', chefLieu: '01001', region: '84', zone: 'metro' }],
  communes: [
    commune('01001', 'Préfecture', { codesPostaux: ['01000'], population: 50_000 }),
    commune('01002', 'Voisine', { codesPostaux: ['01000'], population: 3000 }),
    commune('01003', 'Sans-Place', { codesPostaux: ['01000'], population: 120 }),
    commune('01004', 'Hameau-Homonyme', { codesPostaux: ['01000'], population: 90 }),
    commune('01005', 'Loin', { codesPostaux: ['01999'], population: 300 }),
    commune('01006', 'Isolée', { codesPostaux: ['01888'], population: 80 }),
    commune('01007', 'Marseille', { codesPostaux: ['01700', '01701'], population: 200_000 }),
    commune('01701', 'Marseille 1er Arrondissement', {
      type: 'arrondissement-municipal',
      commune: '01007',
      codesPostaux: ['01701'],
    }),
    commune('01008', 'Ancienne', {
      type: 'commune-deleguee',
      chefLieu: '01002',
      codesPostaux: undefined,
      population: undefined,
    }),
    commune('01009', 'Bourg-Mal-Codé', { codesPostaux: ['01000'], population: 5000 }),
  ],
  epcis: [
    {
      code: 'E1',
      membres: [
        { code: '01001' },
        { code: '01002' },
        { code: '01003' },
        { code: '01004' },
        { code: '01005' },
        { code: '01009' },
      ],
    },
  ],
};

const places: GeoNamesPlace[] = [
  place('Préfecture', '01001', 46.2, 5.2, { featureCode: 'PPLA2' }),
  place('Préfecture-Gare', '01001', 46.21, 5.21, { featureCode: 'PPLX', population: 60_000 }),
  place('Voisine', '01002', 46.3, 5.3),
  // GeoNames files Bourg-Mal-Codé under Voisine's code: it must locate Bourg-Mal-Codé, never Voisine.
  place('Bourg-Mal-Codé', '01002', 46.25, 5.25),
  // A hamlet named like 01004 but 300 km away, filed under another commune.
  place('Hameau-Homonyme', '01002', 48.9, 5.3),
  place('Marseille', '01007', 45.7, 4.8, { featureCode: 'PPLA' }),
  place('Marseille 01', '01007', 45.77, 4.83, { featureCode: 'PPLX' }),
  place('Ancienne', '', 46.31, 5.31),
];

describe('locateCommunes', () => {
  const located = new Map(
    locateCommunes(source, places).map((c) => [`${c.source.code} ${c.source.type}`, c]),
  );
  const at = (code: string, type = 'commune-actuelle') => located.get(`${code} ${type}`)!;

  it('takes the GeoNames place with the commune name and code over a bigger part of it', () => {
    expect(at('01001')).toMatchObject({ geo: { latitude: 46.2, longitude: 5.2 }, geoSource: 'geonames' });
  });

  it('never uses a place named after another current commune', () => {
    expect(at('01002')).toMatchObject({ geo: { latitude: 46.3, longitude: 5.3 }, geoSource: 'geonames' });
    expect(at('01009')).toMatchObject({
      geo: { latitude: 46.25, longitude: 5.25 },
      geoSource: 'geonames-name',
    });
  });

  it('locates an arrondissement by its numbered GeoNames place under the parent code', () => {
    expect(at('01701', 'arrondissement-municipal')).toMatchObject({
      geo: { latitude: 45.77, longitude: 4.83 },
      geoSource: 'geonames',
    });
  });

  it('accepts a place found by name only when it lies near where the neighbours put the commune', () => {
    expect(at('01008', 'commune-deleguee').geoSource).toBe('geonames-name');
    expect(at('01004').geoSource).toBe('postal-sibling');
  });

  it('falls back to the postal-code siblings, then the intercommunality, then the prefecture', () => {
    const sansPlace = at('01003');
    expect(sansPlace.geoSource).toBe('postal-sibling');
    // The centroid of Préfecture, Voisine and Bourg-Mal-Codé, which share 01000 and the EPCI.
    expect(sansPlace.geo.latitude).toBeCloseTo((46.2 + 46.3 + 46.25) / 3, 6);
    expect(at('01005')).toMatchObject({ geoSource: 'epci' });
    expect(at('01006')).toMatchObject({ geoSource: 'prefecture', geo: { latitude: 46.2, longitude: 5.2 } });
  });

  it('gives a commune déléguée the postal codes of the commune it joined', () => {
    expect(at('01008', 'commune-deleguee')).toMatchObject({ parentCode: '01002', postalCodes: ['01000'] });
  });
});
