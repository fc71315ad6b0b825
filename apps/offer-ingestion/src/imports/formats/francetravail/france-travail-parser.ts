import type { Readable } from 'node:stream';
import type { FeedDeclaration, FeedItem, FeedParseLimits, FeedParser } from '../feed-format';
import { jsonRecords } from '../json/json-records';
import { safeJsonParse } from '../json/safe-json';
import { contractTypeOf, workingTimeOf } from '../mapping/contract-vocabulary';
import { feedDate } from '../mapping/feed-dates';
import { parseFrenchSalary } from '../mapping/french-salary';
import { utf8Text } from '../utf8-text';
import { withoutUndefined } from '../xml/indeed-xml-parser';

/**
 * France Travail « Offres d'emploi v2 » offers (partner feeds): a JSON array or JSON Lines of the
 * API's offer objects. Positions are record numbers. The mapping table is in docs/ingestion.md.
 */
export class FranceTravailFeedParser implements FeedParser {
  readonly format = 'francetravail' as const;

  async *parse(
    source: Readable,
    limits: FeedParseLimits,
    _onDeclaration?: (d: FeedDeclaration) => void,
  ): AsyncGenerator<FeedItem> {
    for await (const record of jsonRecords(utf8Text(source), limits.maxRecordBytes)) {
      if ('tooLong' in record) {
        yield {
          position: record.position,
          errors: [
            { field: `record ${record.position}`, reason: `longer than ${limits.maxRecordBytes} bytes` },
          ],
        };
        continue;
      }
      const parsed = safeJsonParse(record.text, limits.maxDepth);
      if (!parsed.ok) {
        yield {
          position: record.position,
          errors: [{ field: `record ${record.position}`, reason: parsed.reason }],
        };
        continue;
      }
      yield franceTravailItem(record.position, parsed.value);
    }
  }
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One France Travail offer onto OfferInput's shape. */
export function franceTravailItem(position: number, value: unknown): FeedItem {
  const offer = obj(value);
  if (offer === undefined)
    return { position, errors: [{ field: `record ${position}`, reason: 'must be a JSON object' }] };
  const externalRef = str(offer.id);
  if (externalRef === undefined)
    return { position, errors: [{ field: 'id', reason: 'missing: every offer needs its id' }] };
  return {
    position,
    externalRef,
    candidate: withoutUndefined({
      externalRef,
      // 23 of the 3,577 real offers have an empty intitule: their ROME appellation is the offer's own job title.
      title: str(offer.intitule) ?? str(offer.appellationlibelle),
      description: str(offer.description),
      companyName: str(obj(offer.entreprise)?.nom),
      contractType: contractOf(offer),
      workingTime: workingTimeOf(str(offer.dureeTravailLibelleConverti)),
      romeCode: str(offer.romeCode),
      location: locationOf(offer),
      salary: parseFrenchSalary(str(obj(offer.salaire)?.libelle)),
      applyUrl: str(obj(offer.origineOffre)?.urlOrigine),
      publishedAt: feedDate(str(offer.dateCreation)),
    }),
  };
}

/** The nature of the contract says apprenticeship or professionalisation where typeContrat says CDD. */
function contractOf(offer: Json): string | undefined {
  const nature = str(offer.natureContrat)?.toLowerCase() ?? '';
  if (nature.includes('apprentissage')) return 'apprenticeship';
  if (nature.includes('professionnalisation')) return 'professionalisation';
  const type = str(offer.typeContrat);
  return contractTypeOf(type) ?? type;
}

/**
 * `lieuTravail`: libelle (« 69 - Lyon 3e », for the gazetteer), commune (INSEE), codePostal,
 * latitude / longitude as given (swapped pairs are the gazetteer's to fix). Some extracts carry the
 * place flat instead (`code_insee`, `nom_commune`, `code_postal`).
 */
function locationOf(offer: Json): Json | undefined {
  const place = obj(offer.lieuTravail);
  if (place) {
    const city = str(place.libelle);
    if (city === undefined) return undefined;
    const latitude = num(place.latitude);
    const longitude = num(place.longitude);
    const both = latitude !== undefined && longitude !== undefined;
    return withoutUndefined({
      city,
      postalCode: str(place.codePostal),
      communeCode: str(place.commune),
      latitude: both ? latitude : undefined,
      longitude: both ? longitude : undefined,
    });
  }
  const city = str(offer.nom_commune) ?? str(offer.nom_ville);
  return city === undefined
    ? undefined
    : withoutUndefined({ city, postalCode: str(offer.code_postal), communeCode: str(offer.code_insee) });
}
