import { recruiterAccountChangedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter } from '@vigie/messaging';
import { EntityManager } from 'typeorm';
import { SERVICE_NAME } from '../config';

interface AccountRow {
  id: string;
  name: string;
  disabled: boolean;
  prefix: string;
  hash: Buffer;
  valid_until: Date | null;
}

/**
 * Appends the account's whole current state (`recruiters.account.changed.v1`) to the outbox, in
 * the transaction that changed it, so cv-intake's projection of API keys is never ahead of or
 * behind what this service accepts. A snapshot, not a delta: a compacted topic keeps the latest.
 */
export async function appendAccountSnapshot(
  tx: EntityManager,
  outbox: OutboxWriter,
  recruiterId: string,
  at: Date,
): Promise<void> {
  const rows: AccountRow[] = await tx.query(
    `SELECT r.id, r.name, r.disabled_at IS NOT NULL AS disabled, r.api_key_prefix AS prefix,
            r.api_key_hash AS hash, NULL::timestamptz AS valid_until
     FROM recruiters r WHERE r.id = $1
     UNION ALL
     SELECT r.id, r.name, r.disabled_at IS NOT NULL, k.api_key_prefix, k.api_key_hash, k.valid_until
     FROM retired_api_keys k JOIN recruiters r ON r.id = k.recruiter_id
     WHERE k.recruiter_id = $1 AND k.valid_until > $2`,
    [recruiterId, at],
  );
  const account = rows[0];
  if (!account) return;
  const event = buildEvent(
    recruiterAccountChangedV1,
    {
      recruiterId: account.id,
      name: account.name,
      status: account.disabled ? 'disabled' : 'active',
      // A disabled account's keys are refused everywhere: they are not announced at all.
      keys: account.disabled
        ? []
        : rows.map((r) => ({
            prefix: r.prefix,
            sha256: r.hash.toString('hex'),
            validUntil: r.valid_until ? r.valid_until.toISOString() : null,
          })),
      changedAt: at.toISOString(),
    },
    { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
  );
  await outbox.append(tx, [event]);
}
