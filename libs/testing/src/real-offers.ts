import { createHash } from 'node:crypto';
import type { ContractType, Offer, RemoteMode } from '@vigie/contracts';
import type { IndexedOffer } from './offer-search-index';
import { readJsonLines, sharedDataFile } from './shared-data';
import { seededRandom } from './text-corpus';

interface FtOffer {
  id: string;
  intitule?: string;
  description?: string;
  dateCreation?: string;
  lieuTravail?: {
    libelle?: string;
    latitude?: number;
    longitude?: number;
    codePostal?: string;
    commune?: string;
  };
  romeCode?: string;
  entreprise?: { nom?: string };
  typeContrat?: string;
  natureContrat?: string;
  salaire?: { libelle?: string };
  dureeTravailLibelleConverti?: string;
  alternance?: boolean;
}

interface SharedCommune {
  insee: string;
  nom: string;
  dep: string;
  reg: string;
  lat: number;
  lon: number;
  population_2021: number | null;
}

/** The real communes (INSEE code, name, department, region, centre, population). */
export function sharedCommunes(): SharedCommune[] | null {
  const file = sharedDataFile('communes_france.jsonl');
  return file === undefined ? null : readJsonLines<SharedCommune>(file);
}

const CONTRACTS: Record<string, ContractType> = {
  CDI: 'cdi',
  CDD: 'cdd',
  MIS: 'interim',
  SAI: 'seasonal',
  LIB: 'freelance',
  DDI: 'cdd',
};
const PER_YEAR: Record<string, number> = { Annuel: 1, Mensuel: 12, Horaire: 1_607 };

/** « Mensuel de 2000.00 Euros à 2200.00 Euros sur 12 mois » → gross EUR per year, as ingestion stores it. */
function salaryOf(label: string | undefined): Offer['salary'] {
  const m = label === undefined ? null : /^(\w+) de ([\d.,]+) Euros(?: à ([\d.,]+) Euros)?/.exec(label);
  const factor = m === null ? undefined : PER_YEAR[m[1]!];
  if (m === null || factor === undefined) return null;
  const amount = (s: string | undefined) =>
    s === undefined ? null : Math.round(Number(s.replace(',', '.')) * factor);
  const min = amount(m[2]);
  const max = amount(m[3]);
  return {
    minAnnualEur: min,
    maxAnnualEur: max !== null && min !== null && max < min ? min : max,
    label: label!,
  };
}

const uuidOf = (s: string) => {
  const h = createHash('sha1').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The real France Travail offers (../shared/data) as canonical offers, for matching tests and
 * benchmarks; null when the data folder is absent. Department and region come from the commune
 * (or the « 92 - BAGNEUX » label); the data has no remote mode, so a seeded 80 / 15 / 5 % split of
 * none / partial / full is drawn — the only invented field.
 */
export function franceTravailOffers(seed = 8): IndexedOffer[] | null {
  const file = sharedDataFile('offers_france_travail.jsonl');
  const communes = sharedCommunes();
  if (file === undefined || communes === null) return null;
  const byCode = new Map(communes.map((c) => [c.insee, c]));
  const regionOfDep = new Map(communes.map((c) => [c.dep, c.reg]));
  const random = seededRandom(seed);
  const recruiterId = uuidOf('france-travail');
  return readJsonLines<FtOffer>(file)
    .filter((r) => (r.intitule ?? '') !== '' && (r.description ?? '') !== '')
    .map((r) => {
      const place = r.lieuTravail;
      const commune = place?.commune === undefined ? undefined : byCode.get(place.commune);
      const dep = commune?.dep ?? /^(\d[\dAB]{1,2})\s*-/.exec(place?.libelle ?? '')?.[1] ?? null;
      const reg = commune?.reg ?? (dep === null ? null : (regionOfDep.get(dep) ?? null));
      const geo =
        typeof place?.latitude === 'number' && typeof place.longitude === 'number'
          ? { latitude: place.latitude, longitude: place.longitude }
          : null;
      const draw = random();
      const remote: RemoteMode = draw < 0.8 ? 'none' : draw < 0.95 ? 'partial' : 'full';
      const nature = r.natureContrat ?? '';
      const contract: ContractType = /apprentissage/i.test(nature)
        ? 'apprenticeship'
        : /professionnalisation/i.test(nature)
          ? 'professionalisation'
          : (CONTRACTS[r.typeContrat ?? ''] ?? 'cdi');
      const offer: Offer = {
        title: r.intitule!.slice(0, 300),
        description: r.description!.slice(0, 50_000),
        descriptionHtml: null,
        companyName: r.entreprise?.nom?.slice(0, 300) || null,
        contract: { type: contract, source: r.typeContrat ?? null },
        workingTime:
          r.dureeTravailLibelleConverti === 'Temps plein'
            ? 'full_time'
            : r.dureeTravailLibelleConverti === 'Temps partiel'
              ? 'part_time'
              : null,
        remote,
        place:
          place === undefined
            ? null
            : {
                label: (place.libelle ?? commune?.nom ?? 'France').slice(0, 200),
                postalCode: place.codePostal && /^\d{5}$/.test(place.codePostal) ? place.codePostal : null,
                commune:
                  commune === undefined
                    ? null
                    : {
                        code: commune.insee,
                        name: commune.nom,
                        departmentCode: commune.dep,
                        regionCode: commune.reg,
                      },
                departmentCode: dep,
                regionCode: reg,
                geo,
                geoPrecision: geo === null ? null : 'feed',
              },
        salary: salaryOf(r.salaire?.libelle),
        romeCode: r.romeCode && /^[A-N]\d{4}$/.test(r.romeCode) ? r.romeCode : null,
        applyUrl: null,
        publishedAt: r.dateCreation ?? '2026-11-01T00:00:00.000Z',
        validThrough: null,
        clusterId: null,
        moderation: { status: 'clean', ruleIds: [] },
      };
      return { offerId: uuidOf(`ft-${r.id}`), recruiterId, version: 1, offer };
    });
}

/** Occupation labels for generated alerts' keywords: ROME appellations and ESCO occupations. */
export function occupationLabels(): string[] | null {
  const rome = sharedDataFile('ft_appellations_rome4.jsonl');
  const esco = sharedDataFile('esco_occupations_fr.jsonl');
  if (rome === undefined || esco === undefined) return null;
  return [
    ...readJsonLines<{ libelle: string }>(rome).map((r) => r.libelle),
    ...readJsonLines<{ alt_labels?: string[] }>(esco).flatMap((r) => r.alt_labels ?? []),
  ];
}

/** ROME v3 appellations with their ROME code (La Bonne Boîte), for alerts that name a ROME code. */
export function romeAppellations(): Array<{ label: string; rome: string }> | null {
  const file = sharedDataFile('rome_v3_appellations_labonneboite.jsonl');
  if (file === undefined) return null;
  return readJsonLines<{ appellation: string; rome: string }>(file).map((r) => ({
    label: r.appellation,
    rome: r.rome,
  }));
}
