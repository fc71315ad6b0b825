import { loadConfig } from '@vigie/config';
import { OFFER_INDEXER_ENV } from './config';

const REQUIRED = {
  DATABASE_URL: 'postgres://localhost/vigie',
  KAFKA_BROKERS: '127.0.0.1:9092',
  SEARCH_URL: 'http://127.0.0.1:9200',
};

describe('offer-indexer reconciliation settings', () => {
  it('schedules reconciliation hourly by default, on offer-ingestion’s schema, repairing', () => {
    expect(loadConfig(OFFER_INDEXER_ENV, REQUIRED)).toMatchObject({
      RECONCILE_INTERVAL_MS: 3_600_000,
      RECONCILE_GRACE_MS: 300_000,
      RECONCILE_REPAIR: true,
      OFFER_SOURCE_SCHEMA: 'offer_ingestion',
    });
  });

  it('turns the schedule off with 0 and refuses an interval of a few seconds, naming the variable', () => {
    expect(
      loadConfig(OFFER_INDEXER_ENV, { ...REQUIRED, RECONCILE_INTERVAL_MS: '0' }).RECONCILE_INTERVAL_MS,
    ).toBe(0);
    expect(() => loadConfig(OFFER_INDEXER_ENV, { ...REQUIRED, RECONCILE_INTERVAL_MS: '5000' })).toThrow(
      /RECONCILE_INTERVAL_MS: must be 0 \(off\) or at least 10000 ms/,
    );
    expect(() => loadConfig(OFFER_INDEXER_ENV, { ...REQUIRED, OFFER_SOURCE_SCHEMA: 'x; drop' })).toThrow(
      /OFFER_SOURCE_SCHEMA/,
    );
  });
});
