import { distanceKm, loadGazetteer, type PlaceInput } from './index';

const gazetteer = loadGazetteer();
const resolve = (input: PlaceInput) => gazetteer.resolvePlace(input);
const codeOf = (input: PlaceInput): string | null => resolve(input).commune?.code ?? null;

describe('resolvePlace: France Travail labels', () => {
  it.each([
    ['69 - LYON 03', '69383'],
    ['75 - Paris 15e Arrondissement', '75115'],
    ['75 - PARIS 07', '75107'],
    ['13 - MARSEILLE 08', '13208'],
    ['13 - Marseille 1er Arrondissement', '13201'],
    ['974 - ST DENIS', '97411'],
    ['93 - ST DENIS', '93066'],
    ['42 - ST ETIENNE', '42218'],
    ['69 - STE FOY LES LYON', '69202'],
    ['92 - ISSY LES MOULINEAUX', '92040'],
    ['13 - AIX EN PROVENCE', '13001'],
    ['85 - SABLES D OLONNE', '85194'],
    ['76 - HAVRE', '76351'],
    ['94 - L HAY LES ROSES', '94038'],
    ['2A - AJACCIO', '2A004'],
    ['2B - BASTIA', '2B033'],
    ['20 - BASTIA', '2B033'],
    ['971 - POINTE A PITRE', '97120'],
    ['972 - FORT DE FRANCE', '97209'],
    ['973 - CAYENNE', '97302'],
    ['976 - MAMOUDZOU', '97611'],
  ])('%s → %s, from the label alone', (label, code) => {
    const result = resolve({ label });
    expect(result.commune?.code).toBe(code);
    expect(result.method).toBe('name+department');
    expect(result.geo).not.toBeNull();
    expect(result.warnings).toEqual([]);
  });

  it('reads a department-only label as the department, with its prefecture as department-precision coordinates', () => {
    for (const [label, department] of [
      ['69 - Rhône', '69'],
      ['92 - Hauts de Seine', '92'],
      ['67 - Rhin (Bas)', '67'],
      ['74 - Savoie (Haute)', '74'],
      ['79 - Sèvres (Deux)', '79'],
      ['90 - Belfort (Territoire de)', '90'],
      ['974 - Réunion', '974'],
      ['37 - sur le département 37', '37'],
      ['86 - Vienne', '86'],
      ['33', '33'],
    ]) {
      const result = resolve({ label });
      expect(result).toMatchObject({
        commune: null,
        departmentCode: department,
        method: 'department',
        geoPrecision: 'department',
      });
      const prefecture = gazetteer.commune(gazetteer.department(department!)!.prefectureCode)!;
      expect(result.geo).toEqual(prefecture.geo);
    }
  });

  it('reads a GeoNames locality as the commune it lies in, and says so', () => {
    const montfavet = resolve({ label: '84 - MONTFAVET' });
    expect(montfavet).toMatchObject({
      commune: { code: '84007', name: 'Avignon' },
      method: 'name+department',
    });
    expect(montfavet.warnings).toEqual(['"MONTFAVET" is a place of commune 84007 Avignon (GeoNames)']);
    // Louhans merged into Louhans-Châteaurenaud; GeoNames still names the town.
    expect(codeOf({ label: '71 - LOUHANS' })).toBe('71263');
    expect(codeOf({ label: 'Montfavet' })).toBe('84007');
  });

  it('reads a shortened or cut name as the only commune of the department that starts with it', () => {
    const villefranche = resolve({ label: '69 - VILLEFRANCHE' });
    expect(villefranche.commune).toMatchObject({ code: '69264', name: 'Villefranche-sur-Saône' });
    expect(villefranche.warnings).toEqual([
      '"VILLEFRANCHE" read as 69264 Villefranche-sur-Saône, the only commune of the department so named',
    ]);
    expect(codeOf({ label: '06 - VILLEFRANCHE' })).toBe('06159');
    expect(codeOf({ label: '95 - ERAGNY' })).toBe('95218');
    expect(codeOf({ label: '21 - POISEUL LA VILLE ET LAPERRIER' })).toBe('21490');
    // Many communes of the Ain start with « Saint »: no guess.
    expect(resolve({ label: '01 - SAINT' }).commune).toBeNull();
    // Without a department, a prefix is never enough.
    expect(resolve({ label: 'POISEUL LA VILLE ET LAPERRIER' }).commune).toBeNull();
  });

  it('tells the commune Vienne (38) from the department Vienne (86) by the prefix', () => {
    expect(codeOf({ label: '38 - VIENNE' })).toBe('38544');
    expect(resolve({ label: '86 - Vienne' }).commune).toBeNull();
  });

  it('reads « 75 - Paris (Dept.) » as Paris, the commune that is the whole department', () => {
    expect(resolve({ label: '75 - Paris (Dept.)' })).toMatchObject({
      commune: { code: '75056' },
      departmentCode: '75',
      regionCode: '11',
    });
    expect(resolve({ label: '75' }).commune?.code).toBe('75056');
  });

  it('reads region-only labels as the region, without coordinates', () => {
    for (const [label, region] of [
      ['Ile-de-France', '11'],
      ['Île-de-France', '11'],
      ['Hauts-de-France', '32'],
      ['Auvergne-Rhône-Alpes', '84'],
      ["Provence-Alpes-Côte d'Azur", '93'],
    ]) {
      expect(resolve({ label })).toMatchObject({
        commune: null,
        departmentCode: null,
        regionCode: region,
        method: 'region',
        geo: null,
        geoPrecision: null,
      });
    }
  });

  it('reads « France » as no place, and says so', () => {
    expect(resolve({ label: 'France' })).toMatchObject({
      commune: null,
      departmentCode: null,
      regionCode: null,
      method: 'none',
      geo: null,
    });
    expect(resolve({ label: 'France' }).warnings).toEqual(['the place is only « France »']);
  });
});

describe('resolvePlace: commune codes', () => {
  it('trusts a known INSEE code, and refines a city to the arrondissement its postal code or label names', () => {
    expect(resolve({ communeCode: '92007', postalCode: '92220', label: '92 - BAGNEUX' })).toMatchObject({
      commune: { code: '92007', name: 'Bagneux' },
      departmentCode: '92',
      regionCode: '11',
      postalCode: '92220',
      method: 'commune-code',
      warnings: [],
    });
    expect(codeOf({ communeCode: '75056', postalCode: '75007' })).toBe('75107');
    expect(codeOf({ communeCode: '69123', label: '69 - LYON 03' })).toBe('69383');
    expect(codeOf({ communeCode: '13055', label: '13' })).toBe('13055');
    expect(codeOf({ communeCode: '75115', label: '75 - PARIS 15' })).toBe('75115');
  });

  it('falls back on the other fields when the code is unknown, and says so', () => {
    const result = resolve({ communeCode: '99999', label: '69 - LYON 03' });
    expect(result.commune?.code).toBe('69383');
    expect(result.warnings).toEqual([
      'commune code "99999" is not in the gazetteer; resolved from the other fields',
    ]);
  });

  it('warns when the label names another department than the code', () => {
    const result = resolve({ communeCode: '69123', label: '13 - MARSEILLE' });
    expect(result.commune?.code).toBe('69123');
    expect(result.warnings).toEqual(['commune 69123 is in department 69, not 13']);
  });

  it('warns when the postal code serves another commune', () => {
    expect(resolve({ communeCode: '92007', postalCode: '69003' }).warnings).toEqual([
      'postal code 69003 does not serve commune 92007 Bagneux',
    ]);
  });
});

describe('resolvePlace: homonyms', () => {
  it('disambiguates by postal code first', () => {
    expect(resolve({ label: 'Valence', postalCode: '82400' })).toMatchObject({
      commune: { code: '82186' },
      method: 'postal-code+name',
    });
    expect(codeOf({ label: 'VALENCE', postalCode: '26000' })).toBe('26362');
    expect(codeOf({ label: 'Saint-Denis', postalCode: '93200' })).toBe('93066');
    expect(codeOf({ label: 'Saint-Denis', postalCode: '97400' })).toBe('97411');
  });

  it('then by department, from the prefix, a field, a qualifier or the region', () => {
    expect(codeOf({ label: '82 - VALENCE' })).toBe('82186');
    expect(codeOf({ label: 'Valence', departmentCode: '82' })).toBe('82186');
    expect(codeOf({ label: 'Valence, Tarn-et-Garonne' })).toBe('82186');
    expect(codeOf({ label: 'Saint-Denis (974)' })).toBe('97411');
    expect(codeOf({ label: 'Saint-Denis', region: 'La Réunion' })).toBe('97411');
    expect(codeOf({ label: 'Valence', region: 'Occitanie' })).toBe('82186');
  });

  it('then by population, with a warning naming the choice', () => {
    const result = resolve({ label: 'Valence' });
    expect(result).toMatchObject({ commune: { code: '26362' }, method: 'name' });
    expect(result.warnings).toEqual([
      expect.stringMatching(/^"Valence" matches \d+ communes; chose the most populous, 26362 \(26\)$/),
    ]);
  });
});

describe('resolvePlace: Indeed and schema.org places', () => {
  it('reads city + postal code, accents and abbreviations aside', () => {
    expect(resolve({ label: 'St Etienne', postalCode: '42000' })).toMatchObject({
      commune: { code: '42218' },
      method: 'postal-code+name',
    });
    expect(codeOf({ label: 'saint-etienne', postalCode: '42100' })).toBe('42218');
    expect(codeOf({ label: 'Havre (Le)', postalCode: '76600' })).toBe('76351');
    expect(codeOf({ label: 'LES SABLES D OLONNE', postalCode: '85100' })).toBe('85194');
  });

  it('reads addressLocality / postalCode / addressRegion', () => {
    expect(resolve({ label: 'Lyon', postalCode: '69003', region: 'Auvergne-Rhône-Alpes' })).toMatchObject({
      commune: { code: '69383' },
      regionCode: '84',
    });
  });

  it('reads CEDEX postal codes through their department', () => {
    expect(resolve({ label: 'PUTEAUX', postalCode: '92042 CEDEX' })).toMatchObject({
      commune: { code: '92062' },
      postalCode: '92042',
      method: 'name+department',
    });
    expect(codeOf({ label: 'LYON CEDEX 03', postalCode: '69421' })).toBe('69123');
    expect(codeOf({ label: '75008 PARIS CEDEX 08' })).toBe('75108');
  });

  it('resolves a postal code alone, the arrondissement first and the most populous commune when shared', () => {
    expect(resolve({ postalCode: '69003' })).toMatchObject({
      commune: { code: '69383' },
      method: 'postal-code',
      warnings: [],
    });
    const shared = resolve({ postalCode: '01400' });
    expect(shared.method).toBe('postal-code');
    expect(shared.warnings).toEqual([
      expect.stringMatching(/^postal code 01400 serves \d+ communes; chose the most populous/),
    ]);
  });

  it('keeps only the department of a CEDEX code that serves no commune', () => {
    expect(resolve({ postalCode: '92042' })).toMatchObject({
      commune: null,
      departmentCode: '92',
      geoPrecision: 'department',
    });
  });
});

describe('resolvePlace: feed coordinates', () => {
  const bagneux = { communeCode: '92007', postalCode: '92220', label: '92 - BAGNEUX' };

  it('keeps plausible coordinates', () => {
    const result = resolve({ ...bagneux, latitude: 48.7978, longitude: 2.310213 });
    expect(result).toMatchObject({
      geo: { latitude: 48.7978, longitude: 2.310213 },
      geoPrecision: 'feed',
      feedCoordinates: 'kept',
      warnings: [],
    });
  });

  it('detects and fixes swapped latitude and longitude, in metropolitan France and overseas', () => {
    const paris = resolve({ communeCode: '75056', label: '75', latitude: 2.320041, longitude: 48.858889 });
    expect(paris).toMatchObject({
      geo: { latitude: 48.858889, longitude: 2.320041 },
      geoPrecision: 'feed',
      feedCoordinates: 'swapped',
    });
    expect(paris.warnings).toEqual(['feed latitude and longitude were swapped (2.320041,48.858889); fixed']);
    const saintDenis = resolve({ communeCode: '97411', latitude: 55.4504, longitude: -20.88 });
    expect(saintDenis).toMatchObject({
      geo: { latitude: -20.88, longitude: 55.4504 },
      feedCoordinates: 'swapped',
    });
  });

  it("replaces implausible coordinates by the commune's centre", () => {
    // France Travail's placeholder: the geographic centre of France, 300 km from Nanterre.
    const result = resolve({
      communeCode: '92050',
      label: '92 - NANTERRE',
      latitude: 46.227638,
      longitude: 2.213749,
    });
    const nanterre = gazetteer.commune('92050')!;
    expect(result).toMatchObject({ geo: nanterre.geo, geoPrecision: 'commune', feedCoordinates: 'rejected' });
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^feed coordinates 46.227638,2.213749 are 29\d km from the centre of 92050 Nanterre/,
      ),
    ]);
  });

  it('ignores coordinates that are not two finite numbers, or 0,0', () => {
    expect(resolve({ ...bagneux, latitude: Number.NaN, longitude: 2.3 })).toMatchObject({
      feedCoordinates: 'absent',
      geoPrecision: 'commune',
    });
    expect(resolve({ ...bagneux, latitude: 48.8 })).toMatchObject({ feedCoordinates: 'absent' });
    expect(resolve({ ...bagneux, latitude: 0, longitude: 0 }).warnings).toEqual([
      'feed coordinates are 0,0; ignored',
    ]);
  });

  it('with no commune named, infers the commune from coordinates that fall near one inside the place named', () => {
    const ivry = resolve({ label: 'France', latitude: 48.812805, longitude: 2.38778 });
    expect(ivry).toMatchObject({
      commune: { code: '94041' },
      departmentCode: '94',
      method: 'coordinates',
      geoPrecision: 'feed',
    });
    expect(ivry.warnings).toContain('commune 94041 Ivry-sur-Seine inferred from the feed coordinates');
    const toulouse = resolve({ label: '31 - Garonne (Haute)', latitude: 43.604, longitude: 1.444 });
    expect(toulouse.commune?.code).toBe('31555');
    // Coordinates in Lyon for a place named « 13 »: not inferred, and not kept.
    const wrong = resolve({ label: '13 - Bouches du Rhône', latitude: 45.76, longitude: 4.84 });
    expect(wrong).toMatchObject({
      commune: null,
      departmentCode: '13',
      feedCoordinates: 'rejected',
      geoPrecision: 'department',
    });
  });

  it('checks coordinates against the centre for every commune it resolves', () => {
    const result = resolve({ label: '69 - LYON 03', latitude: 45.7597, longitude: 4.8422 });
    expect(distanceKm(result.geo!, result.commune!.geo)).toBeLessThan(3);
    expect(result.geoPrecision).toBe('feed');
  });
});

describe('resolvePlace: unknown places', () => {
  it.each([
    [{ label: 'Québec Canada' }],
    [{ label: 'Luxembourg (Frontalier)' }],
    [{ label: 'Principauté de Monaco' }],
    [{ label: 'Atlantis' }],
    [{ label: '977 - Saint Barthélémy' }],
    [{ label: 'Saint-Barthélemy', departmentCode: '977' }],
    [{ label: '' }],
    [{}],
  ])('%j resolves to nothing, with a warning, never a guess', (input: PlaceInput) => {
    const result = resolve(input);
    expect(result).toMatchObject({
      commune: null,
      departmentCode: null,
      regionCode: null,
      geo: null,
      geoPrecision: null,
      method: 'none',
    });
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it('gives only the department for quarters GeoNames does not know and for free text', () => {
    for (const label of ['13 - LES MILLES', '974 - STE CLOTILDE', '31 - 20 minutes au sud de Toulouse']) {
      const result = resolve({ label });
      expect(result.commune).toBeNull();
      expect(result.method).toBe('department');
    }
  });

  it('keeps the department when the commune named is not in it', () => {
    const result = resolve({ label: '69 - GOTHAM CITY' });
    expect(result).toMatchObject({
      commune: null,
      departmentCode: '69',
      regionCode: '84',
      method: 'department',
    });
    expect(result.warnings).toEqual(['no commune named "GOTHAM CITY" in department 69']);
    // Valence exists, but not in the Rhône: no guess either.
    expect(resolve({ label: '69 - VALENCE' }).commune).toBeNull();
  });

  it('does not infer a commune from coordinates when the label names an unknown place', () => {
    expect(resolve({ label: 'Atlantis', latitude: 45.76, longitude: 4.84 }).commune).toBeNull();
  });

  it('ignores a malformed postal code and says so', () => {
    const result = resolve({ label: 'Lyon', postalCode: 'SW1A 1AA' });
    expect(result.commune?.code).toBe('69123');
    expect(result.warnings).toEqual(['postal code "SW1A 1AA" is not a French postal code; ignored']);
  });
});
