import { EntityManager } from 'typeorm';
import { OutgoingEvent } from '../outgoing-event';
import { outboxChannel } from './outbox.schema';

/**
 * Appends events to the outbox inside the caller's transaction: they are published if and only if
 * the state change that produced them commits.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {}

  async append(manager: EntityManager, events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.append must run inside the transaction of the state change');
    }
    await manager.query(
      `INSERT INTO outbox (event_id, topic, message_key, value, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.topic),
        events.map((e) => e.key),
        events.map((e) => e.value),
        events.map((e) => JSON.stringify(e.headers)),
      ],
    );
    // Delivered at commit only; wakes the relay without waiting for its next poll.
    await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
  }
}
