import type { ContractType } from '@vigie/contracts';
import type { CommuneDirectory, CommuneWithGeo } from '../cv-search/commune-directory.port';
import { fold } from './fold';

// What a candidate writes to say where and how they want to work (folded).
const WISH =
  /(?:recherche|cherche|souhait|mobilite|disponible|objectif|poste vise|contrat|looking for|seeking|open to|available for|desired|preferred|wish|job type|contract)/;

const CONTRACT_WORDS: ReadonlyArray<[ContractType, RegExp]> = [
  ['cdi', /(?<![a-z])(?:cdi|permanent(?: contract| position| role)?|contrat a duree indeterminee)(?![a-z])/],
  ['cdd', /(?<![a-z])(?:cdd|fixed[- ]term|contrat a duree determinee)(?![a-z])/],
  ['interim', /(?<![a-z])(?:interim|interimaire|mission d'interim|temporary work|temp)(?![a-z])/],
  ['professionalisation', /professionnalisation/],
  ['apprenticeship', /(?<![a-z])(?:alternance|apprentissage|apprenti|apprenticeship)(?![a-z])/],
  ['internship', /(?<![a-z])(?:stage|internship)(?![a-z])/],
  [
    'freelance',
    /(?<![a-z])(?:freelance|independant|auto-?entrepreneur|contractor|portage salarial)(?![a-z])/,
  ],
  ['seasonal', /(?<![a-z])(?:saisonnier|saisonniere|saison|seasonal)(?![a-z])/],
];

/** Contract types named on the lines where the candidate says what they look for. */
export function contractTypesIn(lines: readonly string[], allWish = false): ContractType[] {
  const found = new Set<ContractType>();
  for (const line of lines) {
    const f = fold(line);
    if (!allWish && !WISH.test(f)) continue;
    for (const [type, re] of CONTRACT_WORDS) {
      // « contrat de professionnalisation » is not also an apprenticeship.
      if (type === 'apprenticeship' && found.has('professionalisation')) continue;
      if (re.test(f)) found.add(type);
    }
  }
  return [...found];
}

// « Mobilité : Lyon », « Lieu souhaité : Nantes (44) », « Preferred location: Lille ».
const PLACE_WISH =
  /(?:mobilite|lieu(?: de travail)? souhaite|secteur (?:geographique )?souhaite|zone (?:geographique )?|poste (?:recherche )?a|recherche (?:un poste |un emploi )?(?:sur|a|en|dans la region de)|desired location|preferred location|willing to work in|localisation|location|ville|base[e]? a|based in|habite a|lives in)\s*[:\-–]?\s*(.+)/;
const POSTAL_CITY = /(?<!\d)(\d{5})\s+(\p{L}[\p{L}' -]{1,45})/u;
const CAPITALISED = /^\p{Lu}[\p{L}' -]{1,45}$/u;

/** « Lyon France », « Lyon - » → « Lyon ». */
const cityOf = (raw: string) =>
  raw
    .replace(/\s+(?:france|cedex.*)$/iu, '')
    .replace(/[\s'-]+$/u, '')
    .trim();

function placeIn(fragment: string, communes: CommuneDirectory): CommuneWithGeo | null {
  const postal = POSTAL_CITY.exec(fragment);
  if (postal) {
    const c = communes.locate(cityOf(postal[2]!), postal[1]);
    if (c) return c;
  }
  for (const part of fragment.split(/[,;·|/()]|\s[-–—]\s|\set\s|\sou\s|\sand\s|\sor\s/u)) {
    const name = part.replace(/\d+/g, '').trim();
    if (name.length >= 2) {
      const c = communes.locate(name);
      if (c) return c;
    }
  }
  return null;
}

/**
 * The commune where the candidate wants to work, from the gazetteer: a stated wish first
 * (« Mobilité : Lyon »), then the postal code and city of the contact lines (the street is never
 * read), then a city standing alone in the contact lines (« Nantes · 06 … »).
 */
export function desiredCommuneIn(
  lines: readonly string[],
  contactLines: readonly string[],
  communes: CommuneDirectory,
): { commune: CommuneWithGeo; how: string } | null {
  for (const line of lines) {
    const wish = PLACE_WISH.exec(fold(line));
    if (!wish) continue;
    const c = placeIn(line.slice(wish.index + wish[0].length - wish[1]!.length), communes);
    if (c) return { commune: c, how: 'the place the CV says the candidate wants to work in' };
  }
  for (const line of contactLines) {
    const postal = POSTAL_CITY.exec(line);
    const c = postal ? communes.locate(cityOf(postal[2]!), postal[1]) : null;
    if (c) return { commune: c, how: 'the city of the contact details (the street address is never read)' };
  }
  for (const line of contactLines) {
    for (const part of line.split(/[,;·|•]|\s[-–—]\s/u).map((p) => p.trim())) {
      if (!CAPITALISED.test(part) || part.split(/\s+/).length > 4) continue;
      const c = communes.locate(part);
      if (c) return { commune: c, how: 'the city of the contact details' };
    }
  }
  return null;
}
