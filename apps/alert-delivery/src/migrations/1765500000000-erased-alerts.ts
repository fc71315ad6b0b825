import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure (erasure/): the ids of erased alerts, and a guard that refuses any later projection of
 * them. An erasure can run before delivery has read an older state or match of the alert still
 * on its topics; without the guard that late record would bring the address (or a match to
 * e-mail) back until the alert's tombstone arrives. An alert id is a random UUID, linked to
 * nobody once the rest is gone: it is all that is kept to never send again.
 */
export class ErasedAlerts1765500000000 implements MigrationInterface {
  name = 'ErasedAlerts1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erased_alerts (
        alert_id  uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL
      );
      CREATE FUNCTION skip_erased_alert() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM erased_alerts WHERE alert_id = NEW.alert_id) THEN
          RETURN NULL;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER alerts_skip_erased BEFORE INSERT ON alerts
        FOR EACH ROW EXECUTE FUNCTION skip_erased_alert();
      CREATE TRIGGER pending_matches_skip_erased BEFORE INSERT ON pending_matches
        FOR EACH ROW EXECUTE FUNCTION skip_erased_alert();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER pending_matches_skip_erased ON pending_matches;
      DROP TRIGGER alerts_skip_erased ON alerts;
      DROP FUNCTION skip_erased_alert();
      DROP TABLE erased_alerts;
    `);
  }
}
