import { offerChangedV2 } from '@vigie/contracts';
import { buildEvent, OutgoingEvent } from '@vigie/messaging';
import { OfferChange } from './offer.repository';
import { SERVICE_NAME } from '../config';

/** The offers.offer.changed.v2 event (the canonical offer) announcing one stored change. */
export function offerChangedEvent(recruiterId: string, change: OfferChange): OutgoingEvent {
  return buildEvent(
    offerChangedV2,
    {
      offerId: change.offerId,
      recruiterId,
      externalRef: change.externalRef,
      version: change.version,
      status: change.status,
      changedAt: change.changedAt.toISOString(),
      offer: change.content ? { ...change.content, publishedAt: change.publishedAt.toISOString() } : null,
    },
    { producer: `vigie/${SERVICE_NAME}`, occurredAt: change.changedAt },
  );
}
