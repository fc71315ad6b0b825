import { Injectable } from '@nestjs/common';
import { SearchCriteria } from '@vigie/contracts';
import { Transaction } from '@vigie/database';
import { DataSource } from 'typeorm';
import { Alert, AlertFrequency, AlertSchedule, AlertStatus } from './alert';
import { AlertRepository, NewAlert } from './alert.repository';

interface AlertRow {
  id: string;
  candidate_id: string;
  email: string;
  criteria: SearchCriteria;
  frequency: AlertFrequency;
  schedule: AlertSchedule;
  status: AlertStatus;
  snoozed_until: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMN_NAMES = [
  'id',
  'candidate_id',
  'email',
  'criteria',
  'frequency',
  'schedule',
  'status',
  'snoozed_until',
  'version',
  'created_at',
  'updated_at',
];
const COLUMNS = COLUMN_NAMES.join(', ');

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    candidateId: r.candidate_id,
    email: r.email,
    criteria: r.criteria,
    frequency: r.frequency,
    schedule: r.schedule,
    status: r.status,
    snoozedUntil: r.snoozed_until,
    version: r.version,
    createdAt: r.created_at,
    changedAt: r.updated_at,
  };
}

@Injectable()
export class PgAlertRepository extends AlertRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(tx: Transaction, a: NewAlert, at: Date, idempotencyKey?: string): Promise<Alert> {
    const rows: AlertRow[] = await tx.manager.query(
      `INSERT INTO alerts (candidate_id, email, criteria, frequency, schedule, status, version, created_at, updated_at,
                           idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7, $8) RETURNING ${COLUMNS}`,
      [
        a.candidateId,
        a.email,
        JSON.stringify(a.criteria),
        a.frequency,
        JSON.stringify(a.schedule),
        a.status,
        at,
        idempotencyKey ?? null,
      ],
    );
    return toAlert(rows[0]!);
  }

  async lockIdempotencyKey(tx: Transaction, candidateId: string, key: string): Promise<Alert | null> {
    // A transaction-scoped lock on (candidate, key): the second of two concurrent creations waits
    // here, then finds the first one's alert instead of failing on the unique index.
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `alert-idempotency:${candidateId}:${key}`,
    ]);
    const rows: AlertRow[] = await tx.manager.query(
      `SELECT ${COLUMNS} FROM alerts WHERE candidate_id = $1 AND idempotency_key = $2 AND status <> 'deleted'`,
      [candidateId, key],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async lock(tx: Transaction, alertId: string): Promise<Alert | null> {
    const rows: AlertRow[] = await tx.manager.query(
      `SELECT ${COLUMNS} FROM alerts WHERE id = $1 FOR UPDATE`,
      [alertId],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async save(tx: Transaction, a: Alert): Promise<void> {
    await tx.manager.query(
      `UPDATE alerts SET criteria = $2, frequency = $3, schedule = $4, status = $5, snoozed_until = $6,
                         version = $7, updated_at = $8
       WHERE id = $1`,
      [
        a.id,
        JSON.stringify(a.criteria),
        a.frequency,
        JSON.stringify(a.schedule),
        a.status,
        a.snoozedUntil,
        a.version,
        a.changedAt,
      ],
    );
  }

  async countLiveForAddress(tx: Transaction, email: string): Promise<number> {
    // Serialises creations for one address until commit, so two at once cannot pass the limit.
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext(lower($1)))`, [email]);
    const rows: Array<{ n: string }> = await tx.manager.query(
      `SELECT count(*) AS n FROM alerts WHERE lower(email) = lower($1) AND status IN ('pending', 'active', 'paused')`,
      [email],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async lockForCandidate(tx: Transaction, candidateId: string): Promise<Alert[]> {
    const rows: AlertRow[] = await tx.manager.query(
      `SELECT ${COLUMNS} FROM alerts WHERE candidate_id = $1 AND status <> 'deleted' ORDER BY created_at FOR UPDATE`,
      [candidateId],
    );
    return rows.map(toAlert);
  }

  async find(alertId: string): Promise<Alert | null> {
    const rows: AlertRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM alerts WHERE id = $1 AND status <> 'deleted'`,
      [alertId],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async listForCandidate(candidateId: string): Promise<Alert[]> {
    const rows: AlertRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM alerts WHERE candidate_id = $1 AND status <> 'deleted' ORDER BY created_at DESC`,
      [candidateId],
    );
    return rows.map(toAlert);
  }

  async page(afterId: string | null, limit: number): Promise<Alert[]> {
    const rows: AlertRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM alerts WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map(toAlert);
  }
}
