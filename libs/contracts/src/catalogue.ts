import { EventDefinition } from './event-definition';
import { matchCreatedV1 } from './events/match-created.v1';
import { offerChangedV1 } from './events/offer-changed.v1';
import { offerIndexedV1 } from './events/offer-indexed.v1';

/** Every event the platform exchanges, by topic: the single source consumers validate against. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [offerChangedV1, offerIndexedV1, matchCreatedV1];

export function eventDefinitionFor(topic: string): EventDefinition | undefined {
  return EVENT_CATALOGUE.find((d) => d.topic === topic);
}
