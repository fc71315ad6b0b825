export * from './distance';
export type { Gazetteer } from './gazetteer';
export * from './gazetteer.types';
export type { GazetteerCacheOptions } from './gazetteer-cache';
export { loadGazetteer } from './load-gazetteer';
export { nameKey } from './place-name';
export type { FeedCoordinates } from './place-geo';
export * from './place-refs';
export type { PlaceInput, PlaceResolution, PlaceResolutionMethod } from './resolve-place';
