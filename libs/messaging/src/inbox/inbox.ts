import { EntityManager } from 'typeorm';

/**
 * Records which events a consumer group has applied, in the same transaction as the effect.
 * A redelivered event is then recognised and skipped (Kafka delivers at least once).
 */
export class Inbox {
  constructor(private readonly consumerGroup: string) {}

  /** Marks the events processed and returns the ids that were new (the ones to apply). */
  async claim(manager: EntityManager, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO processed_events (consumer_group, event_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.consumerGroup, [...new Set(eventIds)]],
    );
    return new Set(rows.map((r) => r.event_id));
  }
}
