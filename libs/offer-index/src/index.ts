export * from './offer-index.mapping';
export * from './search-query';
