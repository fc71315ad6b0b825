import type { Types } from '@opensearch-project/opensearch';

type IndexSettings = Types.Indices_Common.IndexSettings;
type TypeMapping = Types.Common_Mapping.TypeMapping;

/**
 * French-aware analysis: elision (l'ingénieur → ingénieur), case and accent folding (so « ingenieur »
 * finds « ingénieur »), French stop words and the light French stemmer (développeurs → développeur).
 * Built from analysis-common filters, which OpenSearch and Elasticsearch share.
 */
export const OFFER_INDEX_SETTINGS = (replicas: number): IndexSettings => ({
  number_of_shards: 1,
  number_of_replicas: replicas,
  refresh_interval: '1s',
  analysis: {
    filter: {
      french_elision: {
        type: 'elision',
        articles_case: true,
        articles: ['l', 'm', 't', 'qu', 'n', 's', 'j', 'd', 'c', 'jusqu', 'quoiqu', 'lorsqu', 'puisqu'],
      },
      french_stop: { type: 'stop', stopwords: '_french_' },
      french_stemmer: { type: 'stemmer', language: 'light_french' },
    },
    analyzer: {
      french_text: {
        type: 'custom',
        tokenizer: 'standard',
        filter: ['french_elision', 'lowercase', 'asciifolding', 'french_stop', 'french_stemmer'],
      },
    },
    normalizer: {
      folded: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
    },
  },
});

const frenchText = { type: 'text', analyzer: 'french_text' } as const;
const foldedText = { ...frenchText, fields: { raw: { type: 'keyword', normalizer: 'folded' } } } as const;
const keyword = { type: 'keyword' } as const;
const amount = { type: 'scaled_float', scaling_factor: 100 } as const;
/** Kept in _source for display, never searched. */
const storedOnly = { type: 'keyword', index: false, doc_values: false } as const;

/** The canonical offer (offers.offer.changed.v2) plus its identity, version and indexing time. */
export const OFFER_INDEX_MAPPINGS: TypeMapping = {
  // Strict: a field the mapping does not know is a bug to surface, not a field to guess a type for.
  dynamic: 'strict',
  properties: {
    offerId: keyword,
    recruiterId: keyword,
    version: { type: 'long' },
    title: foldedText,
    description: frenchText,
    descriptionHtml: { type: 'text', index: false },
    companyName: foldedText,
    contract: { properties: { type: keyword, source: keyword } },
    workingTime: keyword,
    remote: keyword,
    place: {
      properties: {
        label: foldedText,
        postalCode: keyword,
        commune: {
          properties: {
            code: keyword,
            name: foldedText,
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
      properties: { minAnnualEur: amount, maxAnnualEur: amount, label: storedOnly },
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
 */
export const OFFER_INDEX_GENERATION = 2;
