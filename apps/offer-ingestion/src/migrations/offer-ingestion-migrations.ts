import { CreateOffers1764400000000 } from './1764400000000-create-offers';
import { OfferContentV21764600000000 } from './1764600000000-offer-content-v2';
import { OfferQuality1765200000000 } from './1765200000000-offer-quality';

/** Every migration of offer-ingestion's schema, in order: what the service applies at boot. */
export const OFFER_INGESTION_MIGRATIONS = [
  CreateOffers1764400000000,
  OfferContentV21764600000000,
  OfferQuality1765200000000,
];
