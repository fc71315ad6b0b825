export * from './search-client';
