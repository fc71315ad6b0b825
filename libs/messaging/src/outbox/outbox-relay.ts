import { Client } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import { backoffDelay, sleep } from '../backoff';
import { errorMessage } from '../errors';
import { EventPublisher } from '../event-publisher.port';
import { OutgoingEvent } from '../outgoing-event';
import { outboxChannel } from './outbox.schema';

export interface OutboxRelaySettings {
  databaseUrl: string;
  schema: string;
  pollIntervalMs: number;
  batchSize: number;
}

/**
 * The claim reads the unpublished rows through the partial index by a plain index scan, never a
 * bitmap scan. Each published row leaves a dead entry in that index until vacuum (the outbox
 * vacuums every 20,000 dead rows, see outbox.schema.ts); a plain index scan marks the entries it
 * finds dead (LP_DEAD) and later scans skip them, while a bitmap scan, which the planner picks
 * when it expects fewer unpublished rows than the batch, visits every one of them in the heap on
 * every round: 4,000 dead rows cost 1.4 ms a round against 0.15 ms, and the relay runs a round
 * after every committing writer's NOTIFY (docs/operations.md, « Event-table retention »).
 */
export const CLAIM_SETTINGS_SQL = `SET LOCAL enable_bitmapscan = off`;
export const CLAIM_SQL = `SELECT id, event_id, topic, message_key, value, headers FROM outbox
         WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`;

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows in id order and marks them published. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so replicas share the work, and a row whose transaction commits late
 * (a lower id after a higher one) is simply picked up by a later round. A crash between publish
 * and mark re-publishes the rows: consumers are idempotent.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private notified = false;
  private listener: Client | undefined;
  private readonly stop = new AbortController();
  private readonly published;
  private readonly failures;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly settings: OutboxRelaySettings,
    private readonly logger: Logger,
    metrics: MetricsRegistry,
    private readonly faults: FaultInjector,
  ) {
    this.published = metrics.counter('outbox_published_total', 'Outbox rows published to Kafka');
    this.failures = metrics.counter(
      'outbox_relay_failures_total',
      'Relay rounds that failed and will be retried',
    );
    metrics.gauge('outbox_backlog', 'Outbox rows not yet published', [], async (gauge) => {
      gauge.set(await this.backlog().catch(() => -1));
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.running = false;
    this.stop.abort();
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  async backlog(): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** One round: claim, publish and mark up to batchSize rows. Returns how many were published. */
  async relayOnce(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(CLAIM_SETTINGS_SQL);
      const rows = (await runner.query(CLAIM_SQL, [this.settings.batchSize])) as OutboxRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      await this.publisher.publish(rows.map(toEvent));
      this.faults.crashIfArmed(FAULT_POINTS.relayAfterPublish);
      await runner.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      await runner.commitTransaction();
      this.published.inc(rows.length);
      return rows.length;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    void this.listen();
    let failures = 0;
    while (this.running) {
      try {
        const count = await this.relayOnce();
        failures = 0;
        if (count < this.settings.batchSize) await this.idle(this.settings.pollIntervalMs);
      } catch (e) {
        failures += 1;
        this.failures.inc();
        this.logger.warn({ err: errorMessage(e), failures }, 'outbox relay round failed; retrying');
        await sleep(backoffDelay(failures), this.stop.signal);
      }
    }
  }

  /** Waits for a NOTIFY from a committing writer, or the poll interval, whichever comes first. */
  private idle(ms: number): Promise<void> {
    if (this.notified || !this.running) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.notified = false;
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      const client = new Client({
        connectionString: this.settings.databaseUrl,
        application_name: 'outbox-relay-listener',
      });
      try {
        await client.connect();
        client.on('notification', () => {
          this.notified = true;
          this.wake?.();
        });
        const ended = new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
        });
        await client.query(`LISTEN "${outboxChannel(this.settings.schema)}"`);
        this.listener = client;
        attempt = 0;
        await ended;
      } catch (e) {
        this.logger.debug({ err: errorMessage(e) }, 'outbox listener unavailable; polling only');
      }
      await client.end().catch(() => undefined);
      attempt += 1;
      if (this.running) await sleep(backoffDelay(attempt), this.stop.signal);
    }
  }
}

function toEvent(row: OutboxRow): OutgoingEvent {
  return {
    eventId: row.event_id,
    topic: row.topic,
    key: row.message_key,
    value: row.value,
    headers: row.headers,
  };
}
