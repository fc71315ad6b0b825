import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Addresses the relay refused for good (5xx on RCPT) or that bounced: never mailed again. Kept as
 * a SHA-256 of the normalised address, so the list proves suppression without holding the address.
 */
export class SuppressedAddresses1765300000000 implements MigrationInterface {
  name = 'SuppressedAddresses1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE suppressed_addresses (
        address_hash text PRIMARY KEY,
        reason       text NOT NULL,
        source       text NOT NULL CHECK (source IN ('smtp_reply', 'bounce')),
        created_at   timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE suppressed_addresses`);
  }
}
