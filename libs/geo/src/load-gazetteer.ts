import { Gazetteer } from './gazetteer';
import { type GazetteerCacheOptions, loadGazetteerData } from './gazetteer-cache';

let shared: Gazetteer | null = null;

/**
 * The gazetteer, loaded once per process (the default cache) and shared: call it at start-up, then
 * use the returned object synchronously. A warm start reads the compact cache file
 * (node_modules/.cache/vigie-geo/); a cold one builds it from the npm packages first. With options,
 * it loads a private instance (tests, tools).
 */
export function loadGazetteer(options?: GazetteerCacheOptions): Gazetteer {
  if (options !== undefined) return new Gazetteer(loadGazetteerData(options).data);
  shared ??= new Gazetteer(loadGazetteerData().data);
  return shared;
}
