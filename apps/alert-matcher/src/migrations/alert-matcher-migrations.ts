import { CreateAlerts1764400000002 } from './1764400000002-create-alerts';
import { EventTableRetention1764700000011 } from './1764700000011-event-table-retention';
import { AlertsOnSearchCriteria1764900000008 } from './1764900000008-alerts-on-search-criteria';
import { MatchesPerCluster1764900000018 } from './1764900000018-matches-per-cluster';
import { AlertIdempotencyKeys1766600000000 } from './1766600000000-alert-idempotency-keys';

/** Every migration of alert-matcher, in order (the service and the tests use this one list). */
export const ALERT_MATCHER_MIGRATIONS = [
  CreateAlerts1764400000002,
  EventTableRetention1764700000011,
  AlertsOnSearchCriteria1764900000008,
  MatchesPerCluster1764900000018,
  AlertIdempotencyKeys1766600000000,
];
