import { EventDefinition } from './event-definition';
import { alertChangedV1 } from './events/alert-changed.v1';
import { candidateNotificationAddressChangedV1 } from './events/candidate-notification-address-changed.v1';
import { cvContactRequestCreatedV1 } from './events/cv-contact-request-created.v1';
import { cvProfileChangedV1 } from './events/cv-profile-changed.v1';
import { cvRetentionWarningCreatedV1 } from './events/cv-retention-warning-created.v1';
import { cvViewSummaryCreatedV1 } from './events/cv-view-summary-created.v1';
import { cvViewedV1 } from './events/cv-viewed.v1';
import { erasureConfirmedV1 } from './events/erasure-confirmed.v1';
import { erasureRequestedV1 } from './events/erasure-requested.v1';
import { matchCreatedV1 } from './events/match-created.v1';
import { matchCreatedV2 } from './events/match-created.v2';
import { matchWithdrawnV1 } from './events/match-withdrawn.v1';
import { offerChangedV2 } from './events/offer-changed.v2';
import { offerIndexedV2 } from './events/offer-indexed.v2';
import { recruiterAccountChangedV1 } from './events/recruiter-account-changed.v1';

/** Every event the platform exchanges, by topic: the single source consumers validate against. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  offerChangedV2,
  offerIndexedV2,
  matchCreatedV1,
  matchCreatedV2,
  alertChangedV1,
  matchWithdrawnV1,
  cvProfileChangedV1,
  cvViewSummaryCreatedV1,
  cvViewedV1,
  cvRetentionWarningCreatedV1,
  cvContactRequestCreatedV1,
  recruiterAccountChangedV1,
  erasureRequestedV1,
  erasureConfirmedV1,
  candidateNotificationAddressChangedV1,
];

export function eventDefinitionFor(topic: string): EventDefinition | undefined {
  return EVENT_CATALOGUE.find((d) => d.topic === topic);
}
