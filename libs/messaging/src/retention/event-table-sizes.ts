import { queryRows, SqlQueryable } from './sql-queryable';

/** Rows and on-disk bytes (heap, indexes and TOAST) of a schema's event tables; 0 for a missing table. */
export interface EventTableSizes {
  outbox_rows: number;
  outbox_bytes: number;
  outbox_unpublished_rows: number;
  processed_events_rows: number;
  processed_events_bytes: number;
}

/**
 * Measures the outbox and the inbox of processed events of one schema, e.g. for a benchmark that
 * checks they stay bounded during and after a feed import. Counts are exact (count(*)).
 */
export async function eventTableSizes(db: SqlQueryable, schema: string): Promise<EventTableSizes> {
  const [tables] = await queryRows<{ outbox: string | null; inbox: string | null }>(
    db,
    `SELECT to_regclass(format('%I.outbox', $1::text))::text AS outbox,
            to_regclass(format('%I.processed_events', $1::text))::text AS inbox`,
    [schema],
  );
  const sizes: EventTableSizes = {
    outbox_rows: 0,
    outbox_bytes: 0,
    outbox_unpublished_rows: 0,
    processed_events_rows: 0,
    processed_events_bytes: 0,
  };
  if (tables?.outbox) {
    const [row] = await queryRows<{ rows: string; unpublished: string; bytes: string }>(
      db,
      `SELECT count(*) AS rows, count(*) FILTER (WHERE published_at IS NULL) AS unpublished,
              pg_total_relation_size($1::regclass) AS bytes FROM ${tables.outbox}`,
      [tables.outbox],
    );
    sizes.outbox_rows = Number(row!.rows);
    sizes.outbox_unpublished_rows = Number(row!.unpublished);
    sizes.outbox_bytes = Number(row!.bytes);
  }
  if (tables?.inbox) {
    const [row] = await queryRows<{ rows: string; bytes: string }>(
      db,
      `SELECT count(*) AS rows, pg_total_relation_size($1::regclass) AS bytes FROM ${tables.inbox}`,
      [tables.inbox],
    );
    sizes.processed_events_rows = Number(row!.rows);
    sizes.processed_events_bytes = Number(row!.bytes);
  }
  return sizes;
}
