/**
 * The catalogue of Kafka topics. Names are wire contracts: `<domain>.<entity>.<event>.v<major>`.
 * A breaking change to a payload gets a new major version and a new topic; never rename in place.
 */
export const TOPICS = {
  // The canonical offer (v2); v1 is retired (see docs/events.md, "Migration to v2").
  offerChanged: 'offers.offer.changed.v2',
  offerIndexed: 'offers.offer.indexed.v2',
  matchCreated: 'alerts.match.created.v1',
  // v2 of matchCreated: a match without the address. Matching and delivery move to it next.
  matchCreatedV2: 'alerts.match.created.v2',
  alertChanged: 'alerts.alert.changed.v1',
  matchWithdrawn: 'alerts.match.withdrawn.v1',
  cvProfileChanged: 'cvs.profile.changed.v1',
  cvViewSummaryCreated: 'cvs.view-summary.created.v1',
  cvViewed: 'cvs.cv.viewed.v1',
  cvRetentionWarningCreated: 'cvs.retention-warning.created.v1',
  cvContactRequestCreated: 'cvs.contact-request.created.v1',
  recruiterAccountChanged: 'recruiters.account.changed.v1',
  erasureRequested: 'candidates.erasure.requested.v1',
  erasureConfirmed: 'candidates.erasure.confirmed.v1',
  candidateNotificationAddressChanged: 'candidates.notification-address.changed.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_NAME_PATTERN = /^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** Each consumed topic has a dead-letter topic for messages that cannot be processed. */
export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}
