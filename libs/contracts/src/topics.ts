/**
 * The catalogue of Kafka topics. Names are wire contracts: `<domain>.<entity>.<event>.v<major>`.
 * A breaking change to a payload gets a new major version and a new topic; never rename in place.
 */
export const TOPICS = {
  offerChanged: 'offers.offer.changed.v1',
  offerIndexed: 'offers.offer.indexed.v1',
  matchCreated: 'alerts.match.created.v1',
  // v2 of the three topics above: the canonical offer and a match without the address. The
  // services move to them together (see docs/events.md, "Migration to v2"); then v1 goes.
  offerChangedV2: 'offers.offer.changed.v2',
  offerIndexedV2: 'offers.offer.indexed.v2',
  matchCreatedV2: 'alerts.match.created.v2',
  alertChanged: 'alerts.alert.changed.v1',
  matchWithdrawn: 'alerts.match.withdrawn.v1',
  cvProfileChanged: 'cvs.profile.changed.v1',
  cvViewSummaryCreated: 'cvs.view-summary.created.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_NAME_PATTERN = /^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** Each consumed topic has a dead-letter topic for messages that cannot be processed. */
export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}
