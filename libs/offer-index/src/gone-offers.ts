/**
 * Deleted and expired offers are not deleted from the index: the engine forgets a delete's version
 * after `index.gc_deletes` (60 s by default), and an older update arriving later would then bring
 * the offer back. The indexer writes a small versioned document instead, with `state: 'gone'`, and
 * every reader excludes those with `liveOffersFilter()`.
 */
export const OFFER_STATE_FIELD = 'state';

export const OFFER_STATES = { live: 'live', gone: 'gone' } as const;
export type OfferIndexState = (typeof OFFER_STATES)[keyof typeof OFFER_STATES];

/**
 * The filter clause every search of the offer index must carry. `must_not gone` rather than
 * `term live`, so a document written without a state (a test fixture) still counts as live.
 */
export function liveOffersFilter(): { bool: { must_not: Array<{ term: Record<string, string> }> } } {
  return { bool: { must_not: [{ term: { [OFFER_STATE_FIELD]: OFFER_STATES.gone } }] } };
}
