import { IndexedAlertEngine } from '../engine/indexed-alert-engine';
import type { AlertTermFrequencies } from './alert-term-frequencies';

/**
 * The engine of each shard in the running matcher: the inverted index, anchored by the alerts'
 * own term frequencies (shared by every shard, primed before the start-up load). ScanAlertEngine
 * stays the reference the tests compare it with.
 */
export function matchingEngine(frequencies: AlertTermFrequencies): IndexedAlertEngine {
  return new IndexedAlertEngine({ documentFrequency: frequencies.documentFrequency });
}
