export * from './index-health';
export * from './index-preparation';
export * from './search-client';
