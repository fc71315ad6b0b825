export * from './offer-index.mapping';
