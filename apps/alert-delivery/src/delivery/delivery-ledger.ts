import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DeliveryRequest {
  key: string;
  alertId: string;
  offerId: string;
  matchId: string;
}

export type Claim =
  | { key: string; claimed: true; attempt: number; takenOver: boolean }
  | { key: string; claimed: false; state: 'sent' | 'failed' | 'in_flight' };

/**
 * Port: the delivery ledger. Its unique key (alert, offer — later alert, digest) is what makes an
 * e-mail go out at most once however often the match is delivered. A worker claims keys with a
 * lease before sending. Its own retries re-claim at once; another worker may take a key over only
 * once the lease has expired (the previous owner crashed), and that takeover is reported.
 */
export abstract class DeliveryLedger {
  abstract claimMany(requests: readonly DeliveryRequest[], owner: string, leaseMs: number): Promise<Claim[]>;
  abstract markSent(sent: ReadonlyArray<{ key: string; messageId: string }>): Promise<void>;
  abstract markFailed(key: string, reason: string): Promise<void>;
  /**
   * Gives back claims that were never sent (the match was dead-lettered): a replay of the dead
   * letter after a fix then sends it as a first attempt, not as a takeover.
   */
  abstract release(keys: readonly string[], owner: string): Promise<void>;
}

@Injectable()
export class PgDeliveryLedger extends DeliveryLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async claimMany(requests: readonly DeliveryRequest[], owner: string, leaseMs: number): Promise<Claim[]> {
    if (requests.length === 0) return [];
    const claimed: Array<{ delivery_key: string; attempts: number; last_takeover: boolean }> =
      await this.dataSource.query(
        `INSERT INTO deliveries (delivery_key, alert_id, offer_id, match_id, status, attempts, claimed_by, claimed_until)
       SELECT k, a, o, m, 'sending', 1, $5, now() + $6 * interval '1 millisecond'
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[]) AS t(k, a, o, m)
       ON CONFLICT (delivery_key) DO UPDATE
         SET attempts = deliveries.attempts + 1,
             last_takeover = deliveries.claimed_by IS DISTINCT FROM EXCLUDED.claimed_by,
             claimed_by = EXCLUDED.claimed_by,
             claimed_until = EXCLUDED.claimed_until
         WHERE deliveries.status = 'sending'
           AND (deliveries.claimed_by = EXCLUDED.claimed_by OR deliveries.claimed_until < now())
       RETURNING delivery_key, attempts, last_takeover`,
        [
          requests.map((r) => r.key),
          requests.map((r) => r.alertId),
          requests.map((r) => r.offerId),
          requests.map((r) => r.matchId),
          owner,
          leaseMs,
        ],
      );
    const byKey = new Map<string, Claim>(
      claimed.map((c) => [
        c.delivery_key,
        { key: c.delivery_key, claimed: true, attempt: c.attempts, takenOver: c.last_takeover },
      ]),
    );
    const others = requests.filter((r) => !byKey.has(r.key)).map((r) => r.key);
    if (others.length > 0) {
      const rows: Array<{ delivery_key: string; status: string }> = await this.dataSource.query(
        `SELECT delivery_key, status FROM deliveries WHERE delivery_key = ANY($1::text[])`,
        [others],
      );
      for (const row of rows) {
        const state = row.status === 'sent' ? 'sent' : row.status === 'failed' ? 'failed' : 'in_flight';
        byKey.set(row.delivery_key, { key: row.delivery_key, claimed: false, state });
      }
    }
    return requests.map((r) => byKey.get(r.key) ?? { key: r.key, claimed: false, state: 'in_flight' });
  }

  async markSent(sent: ReadonlyArray<{ key: string; messageId: string }>): Promise<void> {
    if (sent.length === 0) return;
    await this.dataSource.query(
      `UPDATE deliveries d SET status = 'sent', message_id = s.message_id, sent_at = now(), claimed_until = NULL
       FROM unnest($1::text[], $2::text[]) AS s(delivery_key, message_id)
       WHERE d.delivery_key = s.delivery_key`,
      [sent.map((s) => s.key), sent.map((s) => s.messageId)],
    );
  }

  async markFailed(key: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'failed', failure = $2, claimed_until = NULL WHERE delivery_key = $1`,
      [key, reason.slice(0, 1_000)],
    );
  }

  async release(keys: readonly string[], owner: string): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM deliveries WHERE delivery_key = ANY($1::text[]) AND status = 'sending' AND claimed_by = $2`,
      [keys, owner],
    );
  }
}
