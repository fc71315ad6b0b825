import { FOLDED_NORMALIZER } from './french-chain';
import { FRENCH_TEXT_FIELD, openSearchAnalysis, OpenSearchAnalysisSettings } from './opensearch-analysis';

/**
 * What every Vigie index shares, whatever it holds (offers, CVs): one shard, the replicas asked,
 * a one-second refresh, and the platform's one French chain, so titles and skills are analysed
 * alike everywhere and the alert matcher reproduces the tokens. Plain JSON, no client types.
 */
export interface FrenchIndexSettings {
  number_of_shards: number;
  number_of_replicas: number;
  refresh_interval: string;
  analysis: OpenSearchAnalysisSettings;
}

export function frenchIndexSettings(replicas: number): FrenchIndexSettings {
  return {
    number_of_shards: 1,
    number_of_replicas: replicas,
    refresh_interval: '1s',
    analysis: openSearchAnalysis(),
  };
}

/** French text (FRENCH_TEXT_FIELD) with a folded keyword sub-field for exact filters and facets. */
export const FOLDED_TEXT_FIELD = {
  ...FRENCH_TEXT_FIELD,
  fields: { raw: { type: 'keyword', normalizer: FOLDED_NORMALIZER } },
} as const;
