import { Injectable } from '@nestjs/common';
import { ContractType } from '@vigie/contracts';
import { Transaction } from '@vigie/database';
import { DataSource } from 'typeorm';
import { Alert, AlertFrequency, AlertStatus } from './alert';
import { AlertRepository, CandidateQuery, NewAlert } from './alert.repository';

interface AlertRow {
  id: string;
  candidate_id: string;
  email: string;
  keywords: string[];
  keyword_tokens: string[];
  place_label: string | null;
  commune_code: string | null;
  latitude: number | null;
  longitude: number | null;
  radius_km: number | null;
  contract_types: ContractType[];
  frequency: AlertFrequency;
  status: AlertStatus;
  created_at: Date;
}

const COLUMN_NAMES = [
  'id',
  'candidate_id',
  'email',
  'keywords',
  'keyword_tokens',
  'place_label',
  'commune_code',
  'latitude',
  'longitude',
  'radius_km',
  'contract_types',
  'frequency',
  'status',
  'created_at',
];
const COLUMNS = COLUMN_NAMES.join(', ');
const PREFIXED_COLUMNS = COLUMN_NAMES.map((c) => `a.${c}`).join(', ');

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    candidateId: r.candidate_id,
    email: r.email,
    keywords: r.keywords,
    keywordTokens: r.keyword_tokens,
    place:
      r.place_label !== null && r.latitude !== null && r.longitude !== null && r.radius_km !== null
        ? {
            label: r.place_label,
            communeCode: r.commune_code,
            latitude: r.latitude,
            longitude: r.longitude,
            radiusKm: r.radius_km,
          }
        : null,
    contractTypes: r.contract_types,
    frequency: r.frequency,
    status: r.status,
    createdAt: r.created_at,
  };
}

@Injectable()
export class PgAlertRepository extends AlertRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(a: NewAlert): Promise<Alert> {
    const rows: AlertRow[] = await this.dataSource.query(
      `INSERT INTO alerts (candidate_id, email, keywords, keyword_tokens, place_label, commune_code, latitude, longitude,
                           radius_km, contract_types, frequency, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active') RETURNING ${COLUMNS}`,
      [
        a.candidateId,
        a.email,
        a.keywords,
        a.keywordTokens,
        a.place?.label ?? null,
        a.place?.communeCode ?? null,
        a.place?.latitude ?? null,
        a.place?.longitude ?? null,
        a.place?.radiusKm ?? null,
        a.contractTypes,
        a.frequency,
      ],
    );
    return toAlert(rows[0]!);
  }

  async countActive(candidateId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM alerts WHERE candidate_id = $1 AND status = 'active'`,
      [candidateId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listForCandidate(candidateId: string): Promise<Alert[]> {
    const rows: AlertRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM alerts WHERE candidate_id = $1 AND status <> 'deleted' ORDER BY created_at DESC`,
      [candidateId],
    );
    return rows.map(toAlert);
  }

  async findForCandidate(candidateId: string, alertId: string): Promise<Alert | null> {
    const rows: AlertRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM alerts WHERE id = $1 AND candidate_id = $2 AND status <> 'deleted'`,
      [alertId, candidateId],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async markDeleted(candidateId: string, alertId: string): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE alerts SET status = 'deleted', updated_at = now() WHERE id = $1 AND candidate_id = $2 AND status <> 'deleted'`,
      [alertId, candidateId],
    );
    return affected(result) > 0;
  }

  async unsubscribe(alertId: string): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE alerts SET status = 'unsubscribed', updated_at = now() WHERE id = $1 AND status = 'active'`,
      [alertId],
    );
    return affected(result) > 0;
  }

  async findCandidates(tx: Transaction, queries: readonly CandidateQuery[]): Promise<Alert[][]> {
    if (queries.length === 0) return [];
    // One statement for the batch: each offer's criteria become a row joined to the alerts; for
    // each, `keyword_tokens <@ tokens` (every keyword is in the offer) is served by the GIN index.
    const rows: Array<AlertRow & { query_index: number }> = await tx.manager.query(
      `SELECT q.i AS query_index, ${PREFIXED_COLUMNS}
       FROM jsonb_to_recordset($1::jsonb) AS q(i int, tokens text[], contract text, not_after timestamptz)
       JOIN alerts a ON a.status = 'active'
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

/** TypeORM returns `[rows, affectedCount]` for UPDATE statements on Postgres. */
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
