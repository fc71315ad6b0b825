/**
 * Autovacuum of an event table on a fixed count of dead rows (not the default 20% of the table,
 * which a million-row burst would push to 200,000), at full speed: retention deletes in steady
 * batches, and vacuum makes that space reusable by the next burst instead of growing the files.
 * Idempotent; migrations apply it to schemas created before it existed.
 */
export function eventTableAutovacuumSql(table: 'outbox' | 'processed_events'): string {
  const settings = Object.entries(EVENT_TABLE_AUTOVACUUM).map(([k, v]) => `${k} = ${v}`);
  return `ALTER TABLE ${table} SET (${settings.join(', ')});`;
}

/** The way back to the server's autovacuum defaults (for a migration's `down`). */
export function eventTableAutovacuumResetSql(table: 'outbox' | 'processed_events'): string {
  return `ALTER TABLE ${table} RESET (${Object.keys(EVENT_TABLE_AUTOVACUUM).join(', ')});`;
}

const EVENT_TABLE_AUTOVACUUM = {
  autovacuum_vacuum_scale_factor: 0,
  autovacuum_vacuum_threshold: 20_000,
  autovacuum_vacuum_insert_scale_factor: 0,
  autovacuum_vacuum_insert_threshold: 50_000,
  autovacuum_analyze_scale_factor: 0,
  autovacuum_analyze_threshold: 50_000,
  autovacuum_vacuum_cost_delay: 0,
} as const;

/**
 * DDL for the transactional outbox and the inbox of processed events. Each service's migrations
 * call these, so every service has its own copy in its own schema.
 */
export const OUTBOX_DDL = `
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  event_id      uuid        NOT NULL UNIQUE,
  topic         text        NOT NULL,
  message_key   text        NOT NULL,
  value         text        NOT NULL,
  headers       jsonb       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
-- The relay only ever scans unpublished rows, in id order.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
${eventTableAutovacuumSql('outbox')}
`;

export const PROCESSED_EVENTS_DDL = `
CREATE TABLE processed_events (
  consumer_group text        NOT NULL,
  event_id       uuid        NOT NULL,
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at);
${eventTableAutovacuumSql('processed_events')}
`;

/** NOTIFY channel that wakes the relay of one schema as soon as a transaction adds outbox rows. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}
