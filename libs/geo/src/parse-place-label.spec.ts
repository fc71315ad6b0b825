import { cleanPostalCode, departmentOfPostalCode, parsePlaceLabel } from './parse-place-label';

describe('parsePlaceLabel', () => {
  it.each([
    ['69 - LYON 03', '69', ['LYON 03']],
    ['75 - Paris 15e Arrondissement', '75', ['Paris 15e Arrondissement']],
    ['13 - MARSEILLE 08', '13', ['MARSEILLE 08']],
    ['974 - ST DENIS', '974', ['ST DENIS']],
    ['2A - AJACCIO', '2A', ['AJACCIO']],
    ['Lyon', null, ['Lyon']],
    ['Saint-Denis (974)', '974', ['Saint-Denis']],
  ])('%s → department %s, names %j', (label, department, names) => {
    const parsed = parsePlaceLabel(label);
    expect(parsed.departmentCode).toBe(department);
    expect(parsed.names).toEqual(names);
    expect(parsed.department).toBe(false);
  });

  it('reads a lone department code as the department', () => {
    expect(parsePlaceLabel('75')).toEqual({
      departmentCode: '75',
      names: [],
      postalCode: null,
      department: true,
      qualifiers: [],
    });
  });

  it('recognises the department markers of France Travail', () => {
    expect(parsePlaceLabel('75 - Paris (Dept.)')).toMatchObject({
      departmentCode: '75',
      names: ['Paris'],
      department: true,
    });
    expect(parsePlaceLabel('37 - sur le département 37')).toMatchObject({
      departmentCode: '37',
      names: [],
      department: true,
    });
  });

  it('tries an inverted qualifier first, then the name with the qualifier apart', () => {
    expect(parsePlaceLabel('67 - Rhin (Bas)')).toMatchObject({
      names: ['Bas Rhin', 'Rhin'],
      qualifiers: ['Bas'],
    });
    expect(parsePlaceLabel('Montreuil (Seine-Saint-Denis)')).toMatchObject({
      names: ['Seine-Saint-Denis Montreuil', 'Montreuil'],
      qualifiers: ['Seine-Saint-Denis'],
    });
  });

  it('moves a bracketed article to the front and keeps no qualifier', () => {
    expect(parsePlaceLabel('Havre (Le)')).toMatchObject({ names: ['Le Havre'], qualifiers: [] });
  });

  it('takes out postal codes and CEDEX', () => {
    expect(parsePlaceLabel('75008 PARIS CEDEX 08')).toMatchObject({ names: ['PARIS'], postalCode: '75008' });
    expect(parsePlaceLabel('ST ETIENNE CEDEX 2')).toMatchObject({ names: ['ST ETIENNE'], postalCode: null });
    expect(parsePlaceLabel('Paris 75015')).toMatchObject({ names: ['Paris'], postalCode: '75015' });
  });

  it('keeps comma-separated parts as qualifiers', () => {
    expect(parsePlaceLabel('Valence, Drôme')).toMatchObject({ names: ['Valence'], qualifiers: ['Drôme'] });
  });

  it('gives nothing for an empty label', () => {
    for (const label of [undefined, null, '', '   ']) {
      expect(parsePlaceLabel(label)).toMatchObject({
        departmentCode: null,
        names: [],
        postalCode: null,
        department: false,
      });
    }
  });
});

describe('cleanPostalCode', () => {
  it('accepts five digits with or without CEDEX', () => {
    expect(cleanPostalCode('69003')).toBe('69003');
    expect(cleanPostalCode(' 92042 CEDEX ')).toBe('92042');
    expect(cleanPostalCode('92042 Cedex 3')).toBe('92042');
  });

  it('rejects anything else', () => {
    for (const value of ['6900', '690033', 'SW1A 1AA', 'abcde', '', null, undefined])
      expect(cleanPostalCode(value)).toBeNull();
  });
});

describe('departmentOfPostalCode', () => {
  it('reads the department from La Poste numbering, Corsica and overseas included', () => {
    expect(departmentOfPostalCode('69003')).toBe('69');
    expect(departmentOfPostalCode('01400')).toBe('01');
    expect(departmentOfPostalCode('20000')).toBe('2A');
    expect(departmentOfPostalCode('20200')).toBe('2B');
    expect(departmentOfPostalCode('97400')).toBe('974');
    expect(departmentOfPostalCode('00100')).toBeNull();
    expect(departmentOfPostalCode('9740')).toBeNull();
  });
});
