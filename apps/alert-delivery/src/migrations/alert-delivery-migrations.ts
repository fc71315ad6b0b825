import { CreateDeliveries1764400000003 } from './1764400000003-create-deliveries';
import { AddDeliveryOwner1764400000005 } from './1764400000005-add-delivery-owner';
import { SuppressedAddresses1765300000000 } from './1765300000000-suppressed-addresses';
import { DeliveryProjections1765300000010 } from './1765300000010-delivery-projections';
import { GroupedEmails1765300000020 } from './1765300000020-grouped-emails';
import { PendingAlertsIndex1765400000000 } from './1765400000000-pending-alerts-index';
import { EmailsMessageIdIndex1765400000010 } from './1765400000010-emails-message-id-index';
import { SentOfferDetails1765400000050 } from './1765400000050-sent-offer-details';
import { ErasedAlerts1765500000000 } from './1765500000000-erased-alerts';
import { CandidateNotices1766400000000 } from './1766400000000-candidate-notices';
import { ErasedCandidates1766400000020 } from './1766400000020-erased-candidates';

/** Every migration of alert-delivery's schema, in order: what the service applies at boot. */
export const ALERT_DELIVERY_MIGRATIONS = [
  CreateDeliveries1764400000003,
  AddDeliveryOwner1764400000005,
  SuppressedAddresses1765300000000,
  DeliveryProjections1765300000010,
  GroupedEmails1765300000020,
  PendingAlertsIndex1765400000000,
  EmailsMessageIdIndex1765400000010,
  SentOfferDetails1765400000050,
  ErasedAlerts1765500000000,
  CandidateNotices1766400000000,
  ErasedCandidates1766400000020,
];
