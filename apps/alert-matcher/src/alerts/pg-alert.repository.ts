import { Injectable } from '@nestjs/common';
import { SearchCriteria } from '@vigie/contracts';
import { Transaction } from '@vigie/database';
import { DataSource } from 'typeorm';
import { tokenize } from '../matching/keywords';
import { Alert, AlertFrequency, AlertSchedule, AlertStatus } from './alert';
import { AlertRepository, CandidateQuery, NewAlert } from './alert.repository';

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
const PREFIXED_COLUMNS = COLUMN_NAMES.map((c) => `a.${c}`).join(', ');

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

/**
 * The words of the query every offer must contain, for the SQL pre-filter of the first matcher
 * (keyword_tokens <@ offer tokens); excluded words and quotes are left to the verification.
 */
function requiredWords(criteria: SearchCriteria): string[] {
  if (!criteria.q) return [];
  return criteria.q
    .replace(/["“”„«»]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !w.startsWith('-'));
}

@Injectable()
export class PgAlertRepository extends AlertRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(tx: Transaction, a: NewAlert, at: Date): Promise<Alert> {
    const words = requiredWords(a.criteria);
    const rows: AlertRow[] = await tx.manager.query(
      `INSERT INTO alerts (candidate_id, email, criteria, frequency, schedule, status, version, keywords,
                           keyword_tokens, contract_types, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $10) RETURNING ${COLUMNS}`,
      [
        a.candidateId,
        a.email,
        JSON.stringify(a.criteria),
        a.frequency,
        JSON.stringify(a.schedule),
        a.status,
        words,
        tokenize(words.join(' ')),
        a.criteria.contractTypes,
        at,
      ],
    );
    return toAlert(rows[0]!);
  }

  async lock(tx: Transaction, alertId: string): Promise<Alert | null> {
    const rows: AlertRow[] = await tx.manager.query(
      `SELECT ${COLUMNS} FROM alerts WHERE id = $1 FOR UPDATE`,
      [alertId],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async save(tx: Transaction, a: Alert): Promise<void> {
    const words = requiredWords(a.criteria);
    await tx.manager.query(
      `UPDATE alerts SET criteria = $2, frequency = $3, schedule = $4, status = $5, snoozed_until = $6,
                         version = $7, updated_at = $8, keywords = $9, keyword_tokens = $10, contract_types = $11
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
        words,
        tokenize(words.join(' ')),
        a.criteria.contractTypes,
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

  async findCandidates(tx: Transaction, queries: readonly CandidateQuery[]): Promise<Alert[][]> {
    if (queries.length === 0) return [];
    // One statement for the batch: each offer's criteria become a row joined to the alerts; for
    // each, `keyword_tokens <@ tokens` (every keyword is in the offer) is served by the GIN index.
    const rows: Array<AlertRow & { query_index: number }> = await tx.manager.query(
      `SELECT q.i AS query_index, ${PREFIXED_COLUMNS}
       FROM jsonb_to_recordset($1::jsonb) AS q(i int, tokens text[], contract text, not_after timestamptz)
       JOIN alerts a ON a.status = 'active' AND a.frequency = 'instant'
                    AND a.keyword_tokens <@ q.tokens
                    AND (cardinality(a.contract_types) = 0 OR q.contract = ANY(a.contract_types))
                    AND a.created_at <= q.not_after`,
      [
        JSON.stringify(
          queries.map((q, i) => ({
            i,
            tokens: q.tokens,
            contract: q.contractType,
            not_after: q.notAfter.toISOString(),
          })),
        ),
      ],
    );
    const results: Alert[][] = queries.map(() => []);
    for (const row of rows) results[row.query_index]!.push(toAlert(row));
    return results;
  }
}
