import { analyze, analyzeDetailed, analyzeFields, normalizeKeyword } from '@vigie/analysis';

/** « term@position » for each token: compact and exact. */
const tokens = (text: string) => analyze(text).map((t) => `${t.term}@${t.position}`);
const terms = (text: string) => analyze(text).map((t) => t.term);

describe('the French chain, step by step', () => {
  it('strips elided articles, with either apostrophe and in any case', () => {
    expect(terms("L'Ingénieur d’études qu’il jusqu'à")).toEqual(['ingenieu', 'etud']);
    // Not an article: the word keeps its apostrophe (folded to ').
    expect(terms('aujourd’hui')).toEqual(["aujourd'hui"]);
  });

  it('lower-cases and folds accents and ligatures, so unaccented input finds accented text', () => {
    expect(terms('Œuvre cœur Æ ß ﬁnance')).toEqual(['oeuvr', 'coeu', 'ae', 'ss', 'financ']);
    expect(terms('ÉCOLE école ecole')).toEqual(['ecol', 'ecol', 'ecol']);
  });

  it('removes decomposed accents and soft hyphens before tokenizing', () => {
    expect(terms('de\u0301ce\u0301de\u0301')).toEqual(terms('décédé'));
    expect(terms('con\u00addition')).toEqual(terms('condition'));
  });

  it('drops French stop words and the gender marks of titles, keeping their positions', () => {
    expect(tokens('Chef de projet (H/F)')).toEqual(['chef@0', 'projet@2']);
    expect(tokens('Vendeur F/H/X')).toEqual(['vendeu@0']);
    expect(tokens('the head of sales')).toEqual(['head@1', 'sale@3']);
  });

  it('keeps C++, C#, F# and a standalone .NET as terms, not a domain ending in .net', () => {
    expect(terms('Développeur C++ / C# / F# .NET (H/F)')).toEqual(['developeu', 'c++', 'c#', 'f#', '.net']);
    expect(terms('C#/.net')).toEqual(['c#', '.net']);
    expect(terms('www.site.net ASP.NET')).toEqual(['www', 'site', 'net', 'asp', 'net']);
  });

  it('splits on every other punctuation: hyphens, slashes, dots, plus signs', () => {
    expect(tokens('aide-soignant')).toEqual(['aide@0', 'soignant@1']);
    expect(tokens('Bac+2')).toEqual(tokens('BAC + 2'));
    expect(terms('node.js')).toEqual(['node', 'js']);
    expect(terms('6h-13h 35 000 € 2 150,00 €')).toEqual(['6h', '13h', '35', '000', '2', '150', '00']);
  });

  it('joins masculine and feminine job titles', () => {
    const same = (a: string, b: string) => expect(terms(a)).toEqual(terms(b));
    same('infirmier', 'infirmière');
    same('infirmier', 'infirmiere');
    same('vendeur', 'vendeuse');
    same('caissier', 'caissière');
    same('ingénieur', 'ingénieure');
    same('directeur', 'directrice');
    same('éducateur', 'éducatrice');
    same('technicien', 'technicienne');
    same('boulanger', 'boulangère');
    same('conseiller', 'conseillère');
    same('cuisinier', 'cuisinière');
    same('chef', 'cheffe');
    same('agent', 'agente');
    same('employé', 'employée');
    same('aide-soignant', 'aide-soignante');
    same('développeurs', 'développeuse');
  });

  it('drops a token longer than 255 characters, keeping its position', () => {
    expect(tokens(`${'x'.repeat(256)} fin`)).toEqual(['fin@1']);
    expect(tokens(`${'x'.repeat(255)} fin`)).toHaveLength(2);
  });

  it('lower-cases code point by code point, like Java (no final sigma, İ becomes i)', () => {
    expect(terms('İSTANBUL ΣΊΣΥΦΟΣ')).toEqual(['istanbul', 'σίσυφοσ']);
  });

  it('counts the positions of removed tokens too (the next value of a field starts after them)', () => {
    expect(analyzeDetailed('chef de')).toEqual({ tokens: [{ term: 'chef', position: 0 }], positionCount: 2 });
    expect(analyzeDetailed('H/F')).toEqual({ tokens: [], positionCount: 2 });
  });

  it('analyses the text fields of a document, skipping absent ones', () => {
    expect(analyzeFields({ title: 'Infirmier', companyName: null })).toEqual({
      title: [{ term: 'infirmi', position: 0 }],
    });
  });

  it('normalises keyword values (facets) without splitting them', () => {
    expect(normalizeKeyword('Mairie de BAGNEUX – Œuvre')).toBe('mairie de bagneux - oeuvre');
  });

  it('tokenizes adversarial text in linear time (no backtracking trap)', () => {
    // Long runs of what the pattern's optional parts look for; a backtracking trap would never end.
    // « b'b'…b » is one word (longer than 255: dropped), then 50,000 « b » and 50,000 « b# ».
    const nasty = `${"b'".repeat(50_000)} ${'b+'.repeat(50_000)} ${'.'.repeat(50_000)}${'b#'.repeat(50_000)}`;
    expect(analyze(nasty)).toHaveLength(100_000);
  });
});
