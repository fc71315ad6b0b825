import { arrondissementKey, lookupKeys, nameKey, withoutArticle } from './place-name';

describe('nameKey', () => {
  it.each([
    ['Saint-Étienne', 'saint etienne'],
    ['ST ETIENNE', 'saint etienne'],
    ['St-Etienne', 'saint etienne'],
    ['Ste-Foy-lès-Lyon', 'sainte foy les lyon'],
    ["L'Haÿ-les-Roses", 'l hay les roses'],
    ['Les Sables-d’Olonne', 'les sables d olonne'],
    ['Marcq-en-Barœul', 'marcq en baroeul'],
    ['  AIX   EN PROVENCE ', 'aix en provence'],
    ['---', ''],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('leaves words that merely start like « st » alone', () => {
    expect(nameKey('Stains')).toBe('stains');
    expect(nameKey('Steenvoorde')).toBe('steenvoorde');
  });
});

describe('withoutArticle', () => {
  it('drops a leading le, la, les or l', () => {
    expect(withoutArticle('les sables d olonne')).toBe('sables d olonne');
    expect(withoutArticle('l hay les roses')).toBe('hay les roses');
    expect(withoutArticle('lens')).toBeNull();
    expect(withoutArticle('lyon 3')).toBeNull();
  });
});

describe('lookupKeys', () => {
  it('moves a trailing article to the front and adds the bare name', () => {
    expect(lookupKeys('Sables-d’Olonne (Les)')).toEqual([
      'sables d olonne les',
      'les sables d olonne',
      'sables d olonne',
    ]);
    expect(lookupKeys('Le Havre')).toEqual(['le havre', 'havre']);
  });

  it('gives every spelling of an arrondissement one key', () => {
    for (const spelling of [
      'Paris 15e Arrondissement',
      'PARIS 15',
      'paris 15eme',
      'Paris 15ème arrondissement',
    ]) {
      expect(lookupKeys(spelling)).toContain('paris 15');
    }
    expect(lookupKeys('LYON 03')).toContain('lyon 3');
    expect(lookupKeys('Marseille 1er Arrondissement')).toContain('marseille 1');
  });

  it('has no key for an empty name', () => {
    expect(lookupKeys(' - ')).toEqual([]);
  });
});

describe('arrondissementKey', () => {
  it('only reads the three cities with municipal arrondissements', () => {
    expect(arrondissementKey('marseille 08')).toBe('marseille 8');
    expect(arrondissementKey('toulouse 3')).toBeNull();
    expect(arrondissementKey('paris')).toBeNull();
  });
});
