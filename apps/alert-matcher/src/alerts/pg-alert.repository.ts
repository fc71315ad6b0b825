import { Injectable } from '@nestjs/common';
import { ContractType } from '@vigie/contracts';
import { Transaction } from '@vigie/database';
import { DataSource, EntityManager } from 'typeorm';
import { Alert, AlertFrequency, AlertStatus } from './alert';
import { AlertRepository, NewAlert } from './alert.repository';

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

const COLUMNS = `id, candidate_id, email, keywords, keyword_tokens, place_label, commune_code, latitude, longitude,
  radius_km, contract_types, frequency, status, created_at`;

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

  async findCandidates(
    tx: Transaction,
    q: { tokens: string[]; contractType: string; notAfter: Date },
  ): Promise<Alert[]> {
    return query(
      tx.manager,
      // `keyword_tokens <@ tokens` (every keyword is in the offer) is served by the GIN index.
      `SELECT ${COLUMNS} FROM alerts
       WHERE status = 'active' AND keyword_tokens <@ $1::text[]
         AND (cardinality(contract_types) = 0 OR $2 = ANY(contract_types))
         AND created_at <= $3`,
      [q.tokens, q.contractType, q.notAfter],
    );
  }
}

async function query(manager: EntityManager, sql: string, params: unknown[]): Promise<Alert[]> {
  const rows: AlertRow[] = await manager.query(sql, params);
  return rows.map(toAlert);
}

/** TypeORM returns `[rows, affectedCount]` for UPDATE statements on Postgres. */
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
