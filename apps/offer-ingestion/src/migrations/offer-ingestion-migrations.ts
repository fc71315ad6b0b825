import { CreateOffers1764400000000 } from './1764400000000-create-offers';
import { OfferContentV21764600000000 } from './1764600000000-offer-content-v2';
import { OfferExpiry1764700000000 } from './1764700000000-offer-expiry';
import { EventTableRetention1764700000010 } from './1764700000010-event-table-retention';
import { ApiKeyRotation1764700000020 } from './1764700000020-api-key-rotation';
import { Feeds1764700000030 } from './1764700000030-feeds';
import { OfferQuality1765200000000 } from './1765200000000-offer-quality';
import { ImportJobs1765300000000 } from './1765300000000-import-jobs';
import { ImportReportFindings1765310000000 } from './1765310000000-import-report-findings';
import { LeanClusterBands1765320000000 } from './1765320000000-lean-cluster-bands';
import { Lz4LargeColumns1766100000000 } from './1766100000000-lz4-large-columns';

/** Every migration of offer-ingestion's schema, in order: what the service applies at boot. */
export const OFFER_INGESTION_MIGRATIONS = [
  CreateOffers1764400000000,
  OfferContentV21764600000000,
  OfferExpiry1764700000000,
  EventTableRetention1764700000010,
  ApiKeyRotation1764700000020,
  Feeds1764700000030,
  OfferQuality1765200000000,
  ImportJobs1765300000000,
  ImportReportFindings1765310000000,
  LeanClusterBands1765320000000,
  Lz4LargeColumns1766100000000,
];
