/**
 * Name keys: how a French place name is compared. Feeds write the same commune as « Saint-Étienne »,
 * « ST ETIENNE », « saint etienne » or « St-Etienne »; « Les Sables-d'Olonne » as « SABLES D OLONNE »
 * or « Sables-d'Olonne (Les) ». A key is lower case, without accents, with every run of punctuation,
 * hyphen or apostrophe turned into one space and « St » / « Ste » spelt out.
 */
const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };
const ARTICLES = new Set(['le', 'la', 'les', 'l']);

export function nameKey(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (plain === '') return '';
  return plain
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

/** The key without its leading article (« les sables d olonne » → « sables d olonne »), or null. */
export function withoutArticle(key: string): string | null {
  const space = key.indexOf(' ');
  if (space < 0) return null;
  return ARTICLES.has(key.slice(0, space)) ? key.slice(space + 1) : null;
}

/**
 * Every key a typed or fed name may be looked up under: the key itself, with a trailing article moved
 * to the front (« sables d olonne les » as written « Sables-d'Olonne (Les) »), and without its article.
 */
export function lookupKeys(name: string): string[] {
  const key = nameKey(name);
  if (key === '') return [];
  const keys = [key];
  const trailing = /^(.+) (le|la|les|l)$/.exec(key);
  if (trailing) keys.push(`${trailing[2]} ${trailing[1]}`);
  for (const k of [...keys]) {
    const bare = withoutArticle(k);
    if (bare) keys.push(bare);
  }
  const arrondissement = arrondissementKey(key);
  if (arrondissement) keys.push(arrondissement);
  return [...new Set(keys)];
}

/**
 * « paris 15e arrondissement », « paris 15 », « lyon 03 », « marseille 1er » → « paris 15 », « lyon 3 »,
 * « marseille 1 »: the one key every spelling of a municipal arrondissement shares.
 */
export function arrondissementKey(key: string): string | null {
  const match = /^(paris|lyon|marseille) 0*(\d{1,2})(?: ?(?:er|e|eme|ieme))?(?: arrondissement)?$/.exec(key);
  return match ? `${match[1]} ${match[2]}` : null;
}
