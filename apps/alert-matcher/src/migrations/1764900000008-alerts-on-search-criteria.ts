import { loadGazetteer } from '@vigie/geo';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts move from keywords + client coordinates to SearchCriteria (the search API's vocabulary),
 * with the statuses, frequencies, schedule, snooze and version of alerts.alert.changed.v1.
 * Existing rows keep working: their keywords become the query (every word required, as before),
 * their place the commune given, else the commune nearest to their coordinates (30 km at most;
 * beyond that, e.g. abroad, the alert is paused rather than widened to all of France).
 * The keyword columns stay as the first matcher's SQL pre-filter until the in-memory engine
 * replaces it.
 */
export class AlertsOnSearchCriteria1764900000008 implements MigrationInterface {
  name = 'AlertsOnSearchCriteria1764900000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE alerts
        ADD COLUMN criteria      jsonb,
        ADD COLUMN schedule      jsonb NOT NULL DEFAULT '{"timeZone":"Europe/Paris","hour":8,"weekday":1}',
        ADD COLUMN snoozed_until timestamptz,
        ADD COLUMN version       integer NOT NULL DEFAULT 1;
      ALTER TABLE alerts DROP CONSTRAINT alerts_status_check,
        ADD CONSTRAINT alerts_status_check
          CHECK (status IN ('pending', 'active', 'paused', 'unsubscribed', 'deleted'));
      ALTER TABLE alerts DROP CONSTRAINT alerts_frequency_check,
        ADD CONSTRAINT alerts_frequency_check CHECK (frequency IN ('instant', 'daily', 'weekly'));
      -- Location-only and ROME-only alerts have no keyword.
      ALTER TABLE alerts DROP CONSTRAINT alerts_keyword_tokens_check;
      CREATE INDEX alerts_email_idx ON alerts (lower(email));
    `);
    const placed = (await q.query(
      `SELECT id, latitude, longitude FROM alerts
       WHERE commune_code IS NULL AND latitude IS NOT NULL AND longitude IS NOT NULL`,
    )) as Array<{ id: string; latitude: number; longitude: number }>;
    if (placed.length > 0) {
      const gazetteer = loadGazetteer();
      for (const row of placed) {
        const commune = gazetteer.nearestCommune({ latitude: row.latitude, longitude: row.longitude }, 30);
        if (commune)
          await q.query(`UPDATE alerts SET commune_code = $2 WHERE id = $1`, [row.id, commune.code]);
        else
          await q.query(`UPDATE alerts SET status = 'paused' WHERE id = $1 AND status = 'active'`, [row.id]);
      }
    }
    await q.query(`
      UPDATE alerts SET criteria = jsonb_build_object(
        'q', nullif(array_to_string(keywords, ' '), ''),
        'where', CASE WHEN commune_code IS NOT NULL THEN jsonb_build_object(
                   'kind', 'commune', 'communeCode', commune_code,
                   'radiusKm', least(greatest(coalesce(radius_km, 10), 1), 200)) END,
        'remote', '[]'::jsonb,
        'contractTypes', to_jsonb(contract_types),
        'workingTimes', '[]'::jsonb,
        'minAnnualSalary', NULL,
        'includeUnsalaried', true,
        'romeCodes', '[]'::jsonb,
        'company', NULL);
      ALTER TABLE alerts ALTER COLUMN criteria SET NOT NULL;
      ALTER TABLE alerts
        DROP COLUMN place_label, DROP COLUMN commune_code, DROP COLUMN latitude, DROP COLUMN longitude,
        DROP COLUMN radius_km;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE alerts
        ADD COLUMN place_label text, ADD COLUMN commune_code text, ADD COLUMN latitude double precision,
        ADD COLUMN longitude double precision, ADD COLUMN radius_km double precision;
      UPDATE alerts SET commune_code = criteria->'where'->>'communeCode',
                        radius_km = (criteria->'where'->>'radiusKm')::double precision
        WHERE criteria->'where'->>'kind' = 'commune';
      DELETE FROM matches WHERE alert_id IN (SELECT id FROM alerts WHERE cardinality(keyword_tokens) = 0);
      DELETE FROM alerts WHERE cardinality(keyword_tokens) = 0;
      -- The first version had no confirmation: an unconfirmed or paused alert must not start sending.
      UPDATE alerts SET status = 'unsubscribed' WHERE status IN ('pending', 'paused');
      UPDATE alerts SET frequency = 'instant';
      ALTER TABLE alerts DROP CONSTRAINT alerts_status_check,
        ADD CONSTRAINT alerts_status_check CHECK (status IN ('active', 'unsubscribed', 'deleted'));
      ALTER TABLE alerts DROP CONSTRAINT alerts_frequency_check,
        ADD CONSTRAINT alerts_frequency_check CHECK (frequency IN ('instant'));
      ALTER TABLE alerts ADD CONSTRAINT alerts_keyword_tokens_check CHECK (cardinality(keyword_tokens) > 0);
      DROP INDEX alerts_email_idx;
      ALTER TABLE alerts DROP COLUMN criteria, DROP COLUMN schedule, DROP COLUMN snoozed_until, DROP COLUMN version;
    `);
  }
}
