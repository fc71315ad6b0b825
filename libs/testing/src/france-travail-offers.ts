import { createHash } from 'node:crypto';
import type { ContractType, Offer, WorkingTime } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import type { IndexedOffer } from './offer-search-index';
import { readJsonLines, sharedDataFile } from './shared-data';

interface FranceTravailRecord {
  id: string;
  intitule?: string;
  description?: string;
  dateCreation?: string;
  romeCode?: string;
  typeContrat?: string;
  natureContrat?: string;
  dureeTravailLibelleConverti?: string;
  entreprise?: { nom?: string };
  salaire?: { libelle?: string };
  lieuTravail?: {
    libelle?: string;
    latitude?: number;
    longitude?: number;
    codePostal?: string;
    commune?: string;
  };
  origineOffre?: { urlOrigine?: string };
}

const CONTRACTS: Record<string, ContractType> = {
  CDI: 'cdi',
  CDD: 'cdd',
  MIS: 'interim',
  SAI: 'seasonal',
  LIB: 'freelance',
};
// Ingestion's factors (canonical-offer.ts): monthly × 12, hourly × 1,607 h.
const PERIODS: Record<string, number> = { Annuel: 1, Mensuel: 12, Horaire: 1_607 };

/** A stable UUID per France Travail id, so judged relevance sets can name offers across runs. */
export function franceTravailOfferId(id: string): string {
  const h = createHash('sha256').update(`france-travail:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function salaryOf(label: string | undefined): Offer['salary'] {
  if (!label) return null;
  const m = /^(Annuel|Mensuel|Horaire) de ([\d.,]+) Euros(?: à ([\d.,]+) Euros)?/.exec(label);
  if (!m) return { minAnnualEur: null, maxAnnualEur: null, label };
  const factor = PERIODS[m[1]!]!;
  const amount = (s: string | undefined) =>
    s === undefined ? null : Math.round(Number(s.replace(',', '.')) * factor);
  const min = amount(m[2]);
  const max = amount(m[3]);
  return { minAnnualEur: min, maxAnnualEur: max !== null && min !== null && max < min ? min : max, label };
}

/**
 * The real France Travail offers of ../shared/data as the index holds them (canonical offers, places
 * resolved with the platform's gazetteer), or null when the data folder is absent. A test reading
 * of the records, not ingestion's parser: remote is unknown there (none), every offer is live and
 * its own duplicate cluster.
 */
export function franceTravailIndexedOffers(): IndexedOffer[] | null {
  const file = sharedDataFile('offers_france_travail.jsonl');
  if (file === undefined) return null;
  const gazetteer = loadGazetteer();
  return readJsonLines<FranceTravailRecord>(file)
    .filter((r) => (r.intitule ?? '') !== '' && (r.description ?? '') !== '')
    .map((r) => {
      const offerId = franceTravailOfferId(r.id);
      const where = r.lieuTravail;
      const commune = where?.commune ? gazetteer.commune(where.commune) : null;
      const department =
        commune?.departmentCode ?? /^(\d[\dAB]{1,2})\s*-/.exec(where?.libelle ?? '')?.[1] ?? null;
      const geo =
        typeof where?.latitude === 'number' && typeof where.longitude === 'number'
          ? { latitude: where.latitude, longitude: where.longitude }
          : (commune?.geo ?? null);
      const nature = r.natureContrat ?? '';
      const contract: ContractType = /apprentissage/i.test(nature)
        ? 'apprenticeship'
        : /professionnalisation/i.test(nature)
          ? 'professionalisation'
          : (CONTRACTS[r.typeContrat ?? ''] ?? 'cdd');
      const workingTime: WorkingTime | null =
        r.dureeTravailLibelleConverti === 'Temps plein'
          ? 'full_time'
          : r.dureeTravailLibelleConverti === 'Temps partiel'
            ? 'part_time'
            : null;
      const offer: Offer = {
        title: r.intitule!.slice(0, 300),
        description: r.description!.slice(0, 50_000),
        descriptionHtml: null,
        companyName: r.entreprise?.nom?.slice(0, 300) ?? null,
        contract: { type: contract, source: r.typeContrat ?? null },
        workingTime,
        remote: 'none',
        place: where
          ? {
              label: (where.libelle ?? commune?.name ?? 'France').slice(0, 200),
              postalCode: where.codePostal && /^\d{5}$/.test(where.codePostal) ? where.codePostal : null,
              commune: commune && {
                code: commune.code,
                name: commune.name,
                departmentCode: commune.departmentCode,
                regionCode: commune.regionCode,
              },
              departmentCode: department,
              regionCode:
                commune?.regionCode ??
                (department ? (gazetteer.department(department)?.regionCode ?? null) : null),
              geo,
              geoPrecision: geo ? 'feed' : null,
            }
          : null,
        salary: salaryOf(r.salaire?.libelle),
        romeCode: r.romeCode && /^[A-N]\d{4}$/.test(r.romeCode) ? r.romeCode : null,
        applyUrl: r.origineOffre?.urlOrigine ?? null,
        publishedAt: new Date(r.dateCreation ?? '2026-11-01T00:00:00.000Z').toISOString(),
        validThrough: null,
        clusterId: offerId,
        moderation: { status: 'clean', ruleIds: [] },
      };
      return { offerId, recruiterId: 'france-travail', version: 1, offer, sourceId: r.id };
    });
}
