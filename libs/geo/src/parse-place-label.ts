/**
 * What a feed's free-text place label says, before any lookup. The shapes seen in real feeds:
 *   France Travail `lieuTravail.libelle`: « 69 - LYON 03 », « 75 - Paris 15e Arrondissement »,
 *     « 974 - ST DENIS », « 2A - AJACCIO », « 75 » (department only), « 92 - Hauts de Seine »,
 *     « 67 - Rhin (Bas) », « 75 - Paris (Dept.) », « 37 - sur le département 37 », « Ile-de-France »,
 *     « France »;
 *   Indeed `city` / schema.org `addressLocality`: « Lyon », « ST ETIENNE CEDEX 2 », « Havre (Le) »,
 *     « 75008 Paris », « Saint-Denis (974) », « Valence, Drôme ».
 */
export interface ParsedLabel {
  /** From a « 69 - » prefix, a lone « 69 », or a « (69) » suffix. */
  readonly departmentCode: string | null;
  /**
   * The place name, cleaned of the department prefix, postal code and CEDEX, in the spellings to try
   * in order: « Rhin (Bas) » gives « Bas Rhin » then « Rhin »; « Havre (Le) » gives « Le Havre ».
   * Empty when the label names no place below the department.
   */
  readonly names: readonly string[];
  /** A postal code written in the label (« 75008 Paris »), CEDEX or not. */
  readonly postalCode: string | null;
  /** The label says it means the department (« (Dept.) », « sur le département 37 »). */
  readonly department: boolean;
  /**
   * Further parts, comma-separated or in brackets (« Valence, Drôme », « Montreuil (Seine-Saint-Denis) »):
   * department or region names that narrow the search.
   */
  readonly qualifiers: readonly string[];
}

const DEPARTMENT = String.raw`(?:0[1-9]|[1-8]\d|9[0-5]|2[AaBb]|97[1-8])`;
const PREFIX = new RegExp(String.raw`^(${DEPARTMENT})\s*(?:-|–|—|:)\s*(.*)$`);
const ALONE = new RegExp(String.raw`^(${DEPARTMENT})$`);
const SUFFIX = new RegExp(String.raw`^(.*?)\s*\((${DEPARTMENT})\)$`);
const POSTAL = /(?:^|\s)(\d{5})(?=\s|$)/;
const CEDEX = /\s+cedex(?:\s+\d{1,3})?\b/gi;
const DEPARTMENT_MARKERS = /\((?:dept\.?|d[ée]pt\.?|d[ée]partement)\)|^sur le d[ée]partement\b.*$/i;
const BRACKETED = /^(.*?)\s*\(([^()]+)\)$/;
const ARTICLE = /^(?:le|la|les|l')$/i;

export function parsePlaceLabel(label: string | null | undefined): ParsedLabel {
  let text = (label ?? '').replace(/\s+/g, ' ').trim();
  let departmentCode: string | null = null;
  let department = false;

  const alone = ALONE.exec(text);
  if (alone) {
    return {
      departmentCode: alone[1]!.toUpperCase(),
      names: [],
      postalCode: null,
      department: true,
      qualifiers: [],
    };
  }
  const prefix = PREFIX.exec(text);
  if (prefix) {
    departmentCode = prefix[1]!.toUpperCase();
    text = prefix[2]!;
  }
  const [head = '', ...qualifiers] = text.split(',').map((part) => part.trim());
  const names: string[] = [];
  text = head;
  const suffix = SUFFIX.exec(text);
  if (suffix) {
    departmentCode ??= suffix[2]!.toUpperCase();
    text = suffix[1]!;
  }
  if (DEPARTMENT_MARKERS.test(text)) {
    department = true;
    text = text.replace(DEPARTMENT_MARKERS, '').trim();
  }
  text = text.replace(CEDEX, '').trim();
  const postal = POSTAL.exec(text);
  const postalCode = postal ? postal[1]! : null;
  if (postal) text = text.replace(POSTAL, ' ').trim();
  const bracketed = BRACKETED.exec(text);
  if (bracketed && bracketed[1] !== '') {
    const [, outer = '', inner = ''] = bracketed;
    names.push(`${inner.trim()} ${outer}`);
    if (!ARTICLE.test(inner.trim())) {
      names.push(outer);
      qualifiers.push(inner.trim());
    }
  } else if (text !== '') {
    names.push(text);
  }
  return {
    departmentCode,
    names,
    postalCode,
    department: department || (departmentCode !== null && names.length === 0),
    qualifiers: qualifiers.filter((q) => q !== ''),
  };
}

/** « 75008 », « 75008 CEDEX », « 92042 Cedex 3 » → « 75008 »; anything else → null. */
export function cleanPostalCode(value: string | null | undefined): string | null {
  const match = /^\s*(\d{5})(?:\s*cedex(?:\s*\d{1,3})?)?\s*$/i.exec(value ?? '');
  return match ? match[1]! : null;
}

/** The department a postal code belongs to, by La Poste's numbering (exceptions exist near borders). */
export function departmentOfPostalCode(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  if (postalCode.startsWith('97')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  const department = postalCode.slice(0, 2);
  return department === '00' || department === '96' || department === '98' || department === '99'
    ? null
    : department;
}
