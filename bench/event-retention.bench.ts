/**
 * npm run bench:event-retention — does retention keep the event tables bounded at feed scale?
 * Writes two bursts of BENCH_EVENT_ROWS events (default 741,102, one full re-import of the board's
 * offers) the way the services do: each outbox row inserted, then marked published (the relay's
 * UPDATE), and one processed_events row per event (a consumer's inbox), while EventTableRetention
 * runs as in a service (here with a BENCH_RETENTION_MS retention, default 2 s, so the burst is the
 * whole story). It samples the tables every second and reports:
 *   - rows/s written and rows/s pruned during the bursts;
 *   - the largest row count and on-disk size of each table, and the size after each drained burst
 *     (stable: the second burst reuses the first one's space);
 *   - the pruning capacity on a backlog (deletes only, the vacuum that follows not counted), against the issue's baseline in the same run: the former
 *     relay cleanup, at most 10,000 rows a minute (167 rows/s).
 * Only Postgres is used. Figures are printed and written to bench-results/event-retention.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@vigie/database';
import { SystemClock } from '@vigie/kernel';
import {
  EventTableRetention,
  eventTableSizes,
  EventTableSizes,
  OUTBOX_DDL,
  PROCESSED_EVENTS_DDL,
} from '@vigie/messaging';
import { MetricsRegistry } from '@vigie/observability';
import { repoRoot, sqlIdentifier, uniqueId } from '@vigie/testing';
import pino from 'pino';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

const ROWS = Number(process.env.BENCH_EVENT_ROWS ?? process.argv[2] ?? 741_102);
const RETENTION_MS = Number(process.env.BENCH_RETENTION_MS ?? 2_000);
const WRITE_BATCH = 2_000;
const BACKLOG_ROWS = Math.min(ROWS, 200_000);
const BASELINE_PRUNE_PER_S = 10_000 / 60;
const MIB = 1024 * 1024;
// About the size of a canonical offer event (title, description, place, salary, envelope).
const PAYLOAD = JSON.stringify({ offer: { description: 'x'.repeat(1_400) } });

interface InfraModule {
  resolveInfrastructure(): Promise<{ env: Record<string, string>; state: unknown }>;
  releaseInfrastructure(state: unknown): Promise<void>;
}

class CreateEventTables1700000000000 implements MigrationInterface {
  name = 'CreateEventTables1700000000000';
  async up(q: QueryRunner) {
    await q.query(OUTBOX_DDL);
    await q.query(PROCESSED_EVENTS_DDL);
  }
  async down() {}
}

interface BurstFigures {
  writtenPerS: number;
  prunedPerS: number;
  drainedAfterS: number;
  peak: EventTableSizes;
  after: EventTableSizes;
}

async function burst(db: DataSource, schema: string): Promise<BurstFigures> {
  const peak = await eventTableSizes(db, schema);
  const sample = async () => {
    const now = await eventTableSizes(db, schema);
    for (const key of Object.keys(peak) as Array<keyof EventTableSizes>) {
      peak[key] = Math.max(peak[key], now[key]);
    }
    return now;
  };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await sample();
      await new Promise((r) => setTimeout(r, 1_000));
    }
  })();

  const started = Date.now();
  for (let written = 0; written < ROWS; written += WRITE_BATCH) {
    const n = Math.min(WRITE_BATCH, ROWS - written);
    await db.transaction(async (m) => {
      await m.query(
        `INSERT INTO outbox (event_id, topic, message_key, value, headers)
         SELECT gen_random_uuid(), 'offers.offer.changed.v2', gen_random_uuid()::text, $2, '{"ce_type":"x"}'
         FROM generate_series(1, $1)`,
        [n, PAYLOAD],
      );
    });
    // The relay's mark, as a separate transaction like its rounds.
    await db.query(
      `UPDATE outbox SET published_at = now() WHERE id IN (
         SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1)`,
      [n],
    );
    await db.query(
      `INSERT INTO processed_events (consumer_group, event_id)
       SELECT 'bench-consumer', gen_random_uuid() FROM generate_series(1, $1)`,
      [n],
    );
  }
  const writeSeconds = (Date.now() - started) / 1000;
  let after = await sample();
  while (after.outbox_rows > 0 || after.processed_events_rows > 0) {
    await new Promise((r) => setTimeout(r, 250));
    after = await sample();
  }
  const drainedSeconds = (Date.now() - started) / 1000;
  sampling = false;
  await sampler;
  return {
    writtenPerS: ROWS / writeSeconds,
    prunedPerS: ROWS / drainedSeconds,
    drainedAfterS: drainedSeconds - writeSeconds,
    peak,
    after,
  };
}

async function pruneCapacity(db: DataSource, retention: EventTableRetention): Promise<number> {
  await db.query(
    `INSERT INTO outbox (event_id, topic, message_key, value, headers, published_at)
     SELECT gen_random_uuid(), 't', gen_random_uuid()::text, $2, '{}', now() - interval '1 day'
     FROM generate_series(1, $1)`,
    [BACKLOG_ROWS, PAYLOAD],
  );
  const started = process.hrtime.bigint();
  const { outbox } = await retention.pruneOnce();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (outbox !== BACKLOG_ROWS) throw new Error(`pruned ${outbox} rows of a backlog of ${BACKLOG_ROWS}`);
  return outbox / seconds;
}

async function main(): Promise<void> {
  const infraModule = (await import(join(repoRoot(), 'test', 'infra', 'resolve-infra.mjs'))) as InfraModule;
  const { env, state } = await infraModule.resolveInfrastructure();
  const schema = sqlIdentifier(uniqueId('bench_retention'));
  const db = await openDatabase({
    url: env.VIGIE_TEST_DATABASE_URL!,
    schema,
    poolMax: 4,
    statementTimeoutMs: 600_000,
    applicationName: 'bench-event-retention',
    migrations: [CreateEventTables1700000000000],
  });
  const logger = pino({ level: 'warn' });
  const settings = {
    outboxRetentionMs: RETENTION_MS,
    processedEventsRetentionMs: RETENTION_MS,
    batchSize: 5_000,
    intervalMs: 1_000,
  };
  const retention = new EventTableRetention(db, settings, new SystemClock(), logger, new MetricsRegistry());
  try {
    process.stdout.write(
      `bench:event-retention — 2 bursts of ${ROWS} events, retention ${RETENTION_MS} ms, ` +
        `pruning batches of ${settings.batchSize} every ${settings.intervalMs} ms\n`,
    );
    retention.start();
    const first = await burst(db, schema);
    process.stdout.write(`  burst 1 drained ${first.drainedAfterS.toFixed(1)} s after its last write\n`);
    const second = await burst(db, schema);
    process.stdout.write(`  burst 2 drained ${second.drainedAfterS.toFixed(1)} s after its last write\n`);
    await retention.close();
    const capacity = await pruneCapacity(
      db,
      new EventTableRetention(
        db,
        { ...settings, outboxRetentionMs: 60_000, vacuumAfterRows: Number.MAX_SAFE_INTEGER },
        new SystemClock(),
        logger,
        new MetricsRegistry(),
      ),
    );

    const mib = (bytes: number) => round(bytes / MIB);
    const results = {
      rows_per_burst: ROWS,
      retention_ms: RETENTION_MS,
      write_rows_per_s: round((first.writtenPerS + second.writtenPerS) / 2),
      pruned_rows_per_s: round((first.prunedPerS + second.prunedPerS) / 2),
      drain_lag_s: round(Math.max(first.drainedAfterS, second.drainedAfterS)),
      outbox_peak_rows: Math.max(first.peak.outbox_rows, second.peak.outbox_rows),
      outbox_peak_mib: mib(Math.max(first.peak.outbox_bytes, second.peak.outbox_bytes)),
      outbox_mib_after_burst1: mib(first.after.outbox_bytes),
      outbox_mib_after_burst2: mib(second.after.outbox_bytes),
      processed_events_peak_rows: Math.max(
        first.peak.processed_events_rows,
        second.peak.processed_events_rows,
      ),
      processed_events_peak_mib: mib(
        Math.max(first.peak.processed_events_bytes, second.peak.processed_events_bytes),
      ),
      processed_events_mib_after_burst1: mib(first.after.processed_events_bytes),
      processed_events_mib_after_burst2: mib(second.after.processed_events_bytes),
      prune_capacity_rows_per_s: round(capacity),
      baseline_prune_rows_per_s: round(BASELINE_PRUNE_PER_S),
      prune_ratio_vs_baseline: round(capacity / BASELINE_PRUNE_PER_S),
    };
    process.stdout.write(
      `\n${Object.entries(results)
        .map(([k, v]) => `  ${k.padEnd(34)} ${v}`)
        .join('\n')}\n`,
    );
    process.stdout.write(
      `  pruning capacity is ${results.prune_ratio_vs_baseline}× the former cleanup (10,000 rows a minute)\n`,
    );
    const dir = join(repoRoot(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'event-retention.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`written to bench-results/event-retention.json\n`);
  } finally {
    await retention.close();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db.destroy();
    await infraModule.releaseInfrastructure(state);
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
