import { Injectable } from '@nestjs/common';
import type { AlertFrequency, AlertStatus, SearchCriteria } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { AlertChange, AlertProjection, ProjectedAlert } from './alert-projection.port';

interface AlertRow {
  alert_id: string;
  candidate_id: string;
  version: number;
  status: AlertStatus;
  frequency: AlertFrequency;
  time_zone: string;
  hour: number;
  weekday: number;
  snoozed_until: Date | null;
  email: string;
  criteria: SearchCriteria;
}

@Injectable()
export class PgAlertProjection extends AlertProjection {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(changes: readonly AlertChange[]): Promise<void> {
    // The topic is ordered per alert: the last change of an alert in the batch is its state.
    const last = new Map<string, AlertChange>();
    for (const c of changes) last.set(c.kind === 'state' ? c.alert.alertId : c.alertId, c);
    const states = [...last.values()].flatMap((c) => (c.kind === 'state' ? [c.alert] : []));
    const gone = [...last.entries()].filter(([, c]) => c.kind === 'tombstone').map(([id]) => id);
    if (states.length > 0) {
      await this.dataSource.query(
        `INSERT INTO alerts (alert_id, candidate_id, version, status, frequency, time_zone, hour, weekday,
                             snoozed_until, email, criteria, changed_at)
         SELECT a."alertId", a."candidateId", a.version, a.status, a.frequency, a.schedule->>'timeZone',
                (a.schedule->>'hour')::smallint, (a.schedule->>'weekday')::smallint, a."snoozedUntil",
                a.contact->>'email', a.criteria, a."changedAt"
         FROM jsonb_to_recordset($1::jsonb) AS a("alertId" uuid, "candidateId" text, version int,
           status text, frequency text, schedule jsonb, "snoozedUntil" timestamptz, contact jsonb,
           criteria jsonb, "changedAt" timestamptz)
         ON CONFLICT (alert_id) DO UPDATE SET
           candidate_id = EXCLUDED.candidate_id, version = EXCLUDED.version, status = EXCLUDED.status,
           frequency = EXCLUDED.frequency, time_zone = EXCLUDED.time_zone, hour = EXCLUDED.hour,
           weekday = EXCLUDED.weekday, snoozed_until = EXCLUDED.snoozed_until, email = EXCLUDED.email,
           criteria = EXCLUDED.criteria, changed_at = EXCLUDED.changed_at
         WHERE alerts.version < EXCLUDED.version`,
        [JSON.stringify(states)],
      );
    }
    if (gone.length > 0) {
      // Erasure: the address goes with the alert, and so do its waiting matches.
      await this.dataSource.query(`DELETE FROM alerts WHERE alert_id = ANY($1::uuid[])`, [gone]);
      await this.dataSource.query(`DELETE FROM pending_matches WHERE alert_id = ANY($1::uuid[])`, [gone]);
    }
  }

  async addressesOf(candidateId: string): Promise<string[]> {
    const rows: Array<{ email: string }> = await this.dataSource.query(
      `SELECT DISTINCT email FROM alerts WHERE candidate_id = $1`,
      [candidateId],
    );
    return rows.map((r) => r.email);
  }

  async get(alertIds: readonly string[]): Promise<Map<string, ProjectedAlert>> {
    if (alertIds.length === 0) return new Map();
    const rows: AlertRow[] = await this.dataSource.query(
      `SELECT * FROM alerts WHERE alert_id = ANY($1::uuid[])`,
      [[...new Set(alertIds)]],
    );
    return new Map(
      rows.map((r) => [
        r.alert_id,
        {
          alertId: r.alert_id,
          candidateId: r.candidate_id,
          version: r.version,
          status: r.status,
          frequency: r.frequency,
          schedule: { timeZone: r.time_zone, hour: r.hour, weekday: r.weekday },
          snoozedUntil: r.snoozed_until,
          email: r.email,
          criteria: r.criteria,
        },
      ]),
    );
  }
}
