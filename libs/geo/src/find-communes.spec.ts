import { loadGazetteer } from './index';

const gazetteer = loadGazetteer();
const codes = (query: string, limit?: number): string[] =>
  gazetteer.findCommunes(query, limit).map((c) => c.code);

describe('findCommunes', () => {
  it('puts the exact name first, then names that start with it, the most populous first', () => {
    const lyon = gazetteer.findCommunes('Lyon', 12);
    expect(lyon[0]!.code).toBe('69123');
    // Then the arrondissements (by population) before Lyons-la-Forêt.
    expect(
      lyon.slice(1, 10).every((c) => c.kind === 'arrondissement-municipal' && c.parentCode === '69123'),
    ).toBe(true);
    expect(lyon.map((c) => c.name)).toContain('Lyons-la-Forêt');
    const populations = lyon.slice(1, 10).map((c) => c.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('reads names without accents, with « St », hyphens or spaces', () => {
    for (const query of ['saint etienne', 'Saint-Étienne', 'ST ETIENNE', 'st-etienne']) {
      expect(codes(query, 1)).toEqual(['42218']);
    }
    const prefixed = gazetteer.findCommunes('saint etienne', 5).slice(1);
    expect(prefixed.every((c) => c.name.startsWith('Saint-Étienne-'))).toBe(true);
  });

  it('reads names with or without their article', () => {
    expect(codes('Sables d Olonne', 1)).toEqual(['85194']);
    expect(codes('le havre', 1)).toEqual(['76351']);
    expect(codes('Havre', 1)).toEqual(['76351']);
  });

  it('reads an arrondissement however it is written', () => {
    expect(codes('Paris 15', 1)).toEqual(['75115']);
    expect(codes('paris 15e arrondissement', 1)).toEqual(['75115']);
    expect(codes('Marseille 08', 1)).toEqual(['13208']);
  });

  it('takes a five-character query as an INSEE code, then as a postal code', () => {
    expect(codes('69123')).toEqual(['69123']);
    expect(codes('2A004')).toEqual(['2A004']);
    expect(codes('42000')).toEqual(['42218']);
    // 69003 is Albigny-sur-Saône's INSEE code and Lyon 3e's postal code.
    expect(codes('69003')).toEqual(['69003', '69383', '69123']);
  });

  it('narrows homonyms to a department written in brackets', () => {
    expect(codes('Saint-Denis (974)')).toEqual(['97411']);
    expect(codes('Saint-Denis (93)', 1)).toEqual(['93066']);
    expect(codes('Valence', 2).sort()).toEqual(['26362', '82186']);
  });

  it('bounds the result and returns nothing for nothing', () => {
    expect(codes('saint', 7)).toHaveLength(7);
    expect(codes('saint', 1000)).toHaveLength(100);
    expect(codes('', 10)).toEqual([]);
    expect(codes('   ', 10)).toEqual([]);
    expect(codes('Lyon', 0)).toEqual([]);
    expect(codes('zzzzqqq')).toEqual([]);
  });
});
