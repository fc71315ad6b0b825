import { Clock } from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { PeriodicJob } from '../scheduling/periodic-job';
import { queryRows, SqlQueryable } from './sql-queryable';

export interface EventRetentionSettings {
  /** Published outbox rows are deleted this long after publication; absent: the service has no outbox. */
  outboxRetentionMs?: number;
  /** Processed event ids are forgotten this long after processing; absent: the service has no inbox. */
  processedEventsRetentionMs?: number;
  /** Rows deleted per statement (one short transaction each). */
  batchSize: number;
  /** Pause between two rounds; a round deletes batch after batch until it has caught up. */
  intervalMs: number;
  /**
   * After this many deleted rows a table is vacuumed at once, so a burst's space is reused by the
   * next one whatever the server's autovacuum_naptime (default 50,000).
   */
  vacuumAfterRows?: number;
}

export const DEFAULT_RETENTION_BATCH_SIZE = 5_000;
export const DEFAULT_RETENTION_INTERVAL_MS = 5_000;
export const DEFAULT_VACUUM_AFTER_ROWS = 50_000;

export type EventTable = 'outbox' | 'processed_events';

/**
 * Each statement deletes the oldest expired rows through the table's time index, from a cursor
 * (the last time deleted) so a round never walks again over the index entries it has just killed;
 * a new round starts from the beginning, which catches rows that committed late with an earlier
 * time. SKIP LOCKED lets the replicas of a service prune side by side without waiting.
 */
const PRUNE_SQL: Record<EventTable, string> = {
  outbox: `
    WITH doomed AS (
      SELECT id FROM outbox WHERE published_at >= $1 AND published_at < $2
      ORDER BY published_at LIMIT $3 FOR UPDATE SKIP LOCKED),
    gone AS (DELETE FROM outbox o USING doomed WHERE o.id = doomed.id RETURNING o.published_at AS at)
    SELECT count(*)::int AS n, max(at) AS last FROM gone`,
  processed_events: `
    WITH doomed AS (
      SELECT consumer_group, event_id FROM processed_events WHERE processed_at >= $1 AND processed_at < $2
      ORDER BY processed_at LIMIT $3 FOR UPDATE SKIP LOCKED),
    gone AS (DELETE FROM processed_events p USING doomed
             WHERE p.consumer_group = doomed.consumer_group AND p.event_id = doomed.event_id
             RETURNING p.processed_at AS at)
    SELECT count(*)::int AS n, max(at) AS last FROM gone`,
};

const BEGINNING = new Date(0);

/**
 * Keeps the outbox and the inbox of processed events bounded at feed scale. A round deletes
 * batches of expired rows until a batch comes back short, so pruning keeps pace with any write
 * rate below what one statement deletes per second (measured by `npm run bench:event-retention`).
 * Freed space is reused, not added to: the pruner vacuums a table after a large deletion, and the
 * tables' autovacuum runs on a row-count threshold (eventTableAutovacuumSql) in between.
 */
export class EventTableRetention {
  private readonly job: PeriodicJob;
  private readonly pruned;
  private readonly vacuums;
  private readonly deletedSinceVacuum: Record<EventTable, number> = { outbox: 0, processed_events: 0 };

  constructor(
    private readonly db: SqlQueryable,
    private readonly settings: EventRetentionSettings,
    private readonly clock: Clock,
    logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.pruned = metrics.counter('event_table_pruned_rows_total', 'Event-table rows deleted by retention', [
      'table',
    ]);
    this.vacuums = metrics.counter('event_table_vacuums_total', 'Vacuums run by event-table retention', [
      'table',
    ]);
    this.job = new PeriodicJob({
      name: 'event-table-retention',
      intervalMs: settings.intervalMs,
      logger,
      run: () => this.pruneOnce(),
    });
  }

  start(): void {
    if (
      this.settings.outboxRetentionMs === undefined &&
      this.settings.processedEventsRetentionMs === undefined
    )
      return;
    this.job.start();
  }

  async close(): Promise<void> {
    await this.job.close();
  }

  /** One round over both tables; returns the rows deleted from each. */
  async pruneOnce(): Promise<Record<EventTable, number>> {
    const { outboxRetentionMs, processedEventsRetentionMs } = this.settings;
    return {
      outbox: outboxRetentionMs === undefined ? 0 : await this.prune('outbox', outboxRetentionMs),
      processed_events:
        processedEventsRetentionMs === undefined
          ? 0
          : await this.prune('processed_events', processedEventsRetentionMs),
    };
  }

  private async prune(table: EventTable, retentionMs: number): Promise<number> {
    // A consumer that dedupes by natural keys has no inbox table: nothing to prune.
    const [found] = await queryRows<{ exists: boolean }>(
      this.db,
      `SELECT to_regclass($1) IS NOT NULL AS exists`,
      [table],
    );
    if (!found?.exists) return 0;
    const cutoff = new Date(this.clock.nowMs() - retentionMs);
    let from = BEGINNING;
    let total = 0;
    for (;;) {
      const [row] = await queryRows<{ n: number; last: Date | null }>(this.db, PRUNE_SQL[table], [
        from,
        cutoff,
        this.settings.batchSize,
      ]);
      const deleted = row?.n ?? 0;
      total += deleted;
      this.pruned.inc({ table }, deleted);
      if (deleted < this.settings.batchSize || !row?.last) break;
      from = row.last;
    }
    this.deletedSinceVacuum[table] += total;
    if (this.deletedSinceVacuum[table] >= (this.settings.vacuumAfterRows ?? DEFAULT_VACUUM_AFTER_ROWS)) {
      // Outside any transaction; SKIP_LOCKED: another replica's vacuum of the table is as good.
      await this.db.query(`VACUUM (SKIP_LOCKED) ${table}`);
      this.deletedSinceVacuum[table] = 0;
      this.vacuums.inc({ table });
    }
    return total;
  }
}
