import type { Types } from '@opensearch-project/opensearch';
import { FOLDED_TEXT_FIELD, FRENCH_TEXT_FIELD, frenchIndexSettings } from '@vigie/analysis';

type IndexSettings = Types.Indices_Common.IndexSettings;
type TypeMapping = Types.Common_Mapping.TypeMapping;

/**
 * The platform's one analysis chain (@vigie/analysis: elision, folding, stop words, light French
 * stemming, job-title synonyms, plus `vigie_preanalysed` for queries analysed by the chain itself),
 * so the index and the alert matcher produce the same tokens. Analyzer `french_text` and normalizer
 * `folded` keep their names.
 */
export const OFFER_INDEX_SETTINGS = (replicas: number): IndexSettings =>
  frenchIndexSettings(replicas) as unknown as IndexSettings;

const frenchText = FRENCH_TEXT_FIELD;
const foldedText = FOLDED_TEXT_FIELD;
const keyword = { type: 'keyword' } as const;
/**
 * The highlighted fields index their offsets, so the highlighter reads them from the postings
 * instead of re-analysing each description through the chain (synonyms included): text searches
 * with highlights took about a third less on 100,000 offers (docs/search.md), for 14 % more disk.
 */
const highlighted = <T extends object>(field: T) => ({ ...field, index_options: 'offsets' }) as const;
const amount = { type: 'scaled_float', scaling_factor: 100 } as const;
/**
 * Kept in _source for display, never searched: the place's label and commune name are shown, but
 * places are searched by code and distance (the gazetteer resolves names), so analysing them and
 * keeping their keyword doc values was indexing work nothing read.
 */
const storedOnly = { type: 'keyword', index: false, doc_values: false } as const;

/**
 * The canonical offer (offers.offer.changed.v2) plus its identity, version, indexing time and
 * state. A deleted or expired offer stays as a small `gone` document at its version (see
 * gone-offers.ts), so an older update can never bring it back, however late it arrives.
 */
export const OFFER_INDEX_MAPPINGS: TypeMapping = {
  // Strict: a field the mapping does not know is a bug to surface, not a field to guess a type for.
  dynamic: 'strict',
  properties: {
    offerId: keyword,
    recruiterId: keyword,
    version: { type: 'long' },
    state: keyword,
    status: keyword,
    // No `raw` keyword: no filter, facet or sort reads the whole title.
    title: highlighted(frenchText),
    description: highlighted(frenchText),
    descriptionHtml: { type: 'text', index: false },
    companyName: foldedText,
    contract: { properties: { type: keyword, source: keyword } },
    workingTime: keyword,
    remote: keyword,
    place: {
      properties: {
        label: storedOnly,
        postalCode: keyword,
        commune: {
          properties: {
            code: keyword,
            name: storedOnly,
            departmentCode: keyword,
            regionCode: keyword,
          },
        },
        departmentCode: keyword,
        regionCode: keyword,
        geo: { type: 'geo_point' },
        geoPrecision: keyword,
      },
    },
    salary: {
      properties: {
        minAnnualEur: amount,
        maxAnnualEur: amount,
        /** The maximum, else the minimum: the salary facet's one range (storedOfferSource). */
        ceilingAnnualEur: amount,
        label: storedOnly,
      },
    },
    romeCode: keyword,
    applyUrl: storedOnly,
    publishedAt: { type: 'date' },
    validThrough: { type: 'date' },
    clusterId: keyword,
    moderation: { properties: { status: keyword, ruleIds: keyword } },
    indexedAt: { type: 'date' },
  },
};

/**
 * Bump when the mapping changes incompatibly: a new index is built and the alias moved to it.
 * 2: the canonical offer (v2 events).
 * 3: the @vigie/analysis chain; `state`/`status`, and gone documents instead of deletes.
 * 4: offsets indexed for the highlighted fields (title, description); salary.ceilingAnnualEur.
 * 5: fields nothing queries no longer indexed (title.raw, place.label, place.commune.name).
 */
export const OFFER_INDEX_GENERATION = 5;
