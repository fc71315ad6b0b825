import { openDatabase } from '@vigie/database';
import { openTestDatabase, testInfra, TestDatabase } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { CreateAlerts1764400000002 } from './1764400000002-create-alerts';
import { EventTableRetention1764700000011 } from './1764700000011-event-table-retention';
import { ALERT_MATCHER_MIGRATIONS } from './alert-matcher-migrations';

/** Alerts stored by the first version (keywords and client coordinates) keep working after the move. */
describe('migration of keyword alerts to SearchCriteria', () => {
  let before: TestDatabase;
  let after: DataSource;

  beforeAll(async () => {
    before = await openTestDatabase('alerts-migration', [
      CreateAlerts1764400000002,
      EventTableRetention1764700000011,
    ]);
    await before.dataSource.query(`
      INSERT INTO alerts (id, candidate_id, email, keywords, keyword_tokens, place_label, commune_code, latitude,
                          longitude, radius_km, contract_types, frequency, status) VALUES
        ('00000000-0000-4000-8000-000000000001', 'c1', 'a@example.org', '{TypeScript}', '{typescript}',
         'Villeurbanne', '69266', 45.77, 4.89, 20, '{cdi}', 'instant', 'active'),
        ('00000000-0000-4000-8000-000000000002', 'c2', 'b@example.org', '{soudeur,TIG}', '{soudeur,tig}',
         'Nantes', NULL, 47.2184, -1.5536, 0.5, '{}', 'instant', 'active'),
        ('00000000-0000-4000-8000-000000000003', 'c3', 'c@example.org', '{cariste}', '{cariste}',
         'Madrid', NULL, 40.4168, -3.7038, 10, '{}', 'instant', 'active'),
        ('00000000-0000-4000-8000-000000000004', 'c4', 'd@example.org', '{grutier}', '{grutier}',
         NULL, NULL, NULL, NULL, NULL, '{}', 'instant', 'unsubscribed')`);
    after = await openDatabase({
      url: testInfra().databaseUrl,
      schema: before.schema,
      poolMax: 2,
      statementTimeoutMs: 30_000,
      applicationName: 'test-alerts-migration',
      migrations: ALERT_MATCHER_MIGRATIONS,
    });
  });

  afterAll(async () => {
    await after?.destroy();
    await before?.drop();
  });

  it('turns keywords into the query and places into communes, and pauses an alert abroad', async () => {
    const rows: Array<{ id: string; status: string; version: number; criteria: Record<string, unknown> }> =
      await after.query(`SELECT id, status, version, criteria FROM alerts ORDER BY id`);

    expect(
      rows.map((r) => [r.status, r.version, r.criteria.q, r.criteria.where, r.criteria.contractTypes]),
    ).toEqual([
      ['active', 1, 'TypeScript', { kind: 'commune', communeCode: '69266', radiusKm: 20 }, ['cdi']],
      ['active', 1, 'soudeur TIG', { kind: 'commune', communeCode: '44109', radiusKm: 1 }, []],
      ['paused', 1, 'cariste', null, []],
      ['unsubscribed', 1, 'grutier', null, []],
    ]);
  });
});
