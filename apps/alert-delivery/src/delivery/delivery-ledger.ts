import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type ClaimResult =
  | { claimed: true; attempt: number }
  | { claimed: false; state: 'sent' | 'failed' | 'in_flight' };

/**
 * Port: the delivery ledger. Its unique key (alert, offer — later alert, digest) is what makes an
 * e-mail go out at most once however often the match is delivered. A worker claims a key with a
 * lease before sending; a crash leaves the lease to expire, and the next claimant resends.
 */
export abstract class DeliveryLedger {
  abstract claim(key: string, details: { alertId: string; offerId: string; matchId: string }, leaseMs: number): Promise<ClaimResult>;
  abstract markSent(key: string, messageId: string): Promise<void>;
  abstract markFailed(key: string, reason: string): Promise<void>;
}

@Injectable()
export class PgDeliveryLedger extends DeliveryLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async claim(key: string, d: { alertId: string; offerId: string; matchId: string }, leaseMs: number): Promise<ClaimResult> {
    const rows: Array<{ attempts: number }> = await this.dataSource.query(
      `INSERT INTO deliveries (delivery_key, alert_id, offer_id, match_id, status, attempts, claimed_until)
       VALUES ($1, $2, $3, $4, 'sending', 1, now() + $5 * interval '1 millisecond')
       ON CONFLICT (delivery_key) DO UPDATE
         SET attempts = deliveries.attempts + 1, claimed_until = EXCLUDED.claimed_until
         WHERE deliveries.status = 'sending' AND deliveries.claimed_until < now()
       RETURNING attempts`,
      [key, d.alertId, d.offerId, d.matchId, leaseMs],
    );
    if (rows[0]) return { claimed: true, attempt: rows[0].attempts };
    const current: Array<{ status: string }> = await this.dataSource.query(`SELECT status FROM deliveries WHERE delivery_key = $1`, [key]);
    const status = current[0]?.status;
    return { claimed: false, state: status === 'sent' ? 'sent' : status === 'failed' ? 'failed' : 'in_flight' };
  }

  async markSent(key: string, messageId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'sent', message_id = $2, sent_at = now(), claimed_until = NULL WHERE delivery_key = $1`,
      [key, messageId],
    );
  }

  async markFailed(key: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'failed', failure = $2, claimed_until = NULL WHERE delivery_key = $1`,
      [key, reason.slice(0, 1_000)],
    );
  }
}
