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
const keyword = { type: 'keyword' } as const;

export const OFFER_INDEX_MAPPINGS: TypeMapping = {
  // Strict: a field the mapping does not know is a bug to surface, not a field to guess a type for.
  dynamic: 'strict',
  properties: {
    offerId: keyword,
    recruiterId: keyword,
    version: { type: 'long' },
    title: { ...frenchText, fields: { raw: { type: 'keyword', normalizer: 'folded' } } },
    description: frenchText,
    companyName: { ...frenchText, fields: { raw: { type: 'keyword', normalizer: 'folded' } } },
    contractType: keyword,
    remote: keyword,
    location: {
      properties: {
        city: { ...frenchText, fields: { raw: { type: 'keyword', normalizer: 'folded' } } },
        postalCode: keyword,
        communeCode: keyword,
        geo: { type: 'geo_point' },
      },
    },
    salary: {
      properties: {
        min: { type: 'scaled_float', scaling_factor: 100 },
        max: { type: 'scaled_float', scaling_factor: 100 },
        currency: keyword,
        period: keyword,
      },
    },
    applyUrl: { type: 'keyword', index: false },
    publishedAt: { type: 'date' },
    validThrough: { type: 'date' },
    indexedAt: { type: 'date' },
  },
};

/** Bump when the mapping changes incompatibly: a new index is built and the alias moved to it. */
export const OFFER_INDEX_GENERATION = 1;
