export * from './offer-index.mapping';
export * from './gone-offers';
export * from './search-query';
export * from './stored-offer';
