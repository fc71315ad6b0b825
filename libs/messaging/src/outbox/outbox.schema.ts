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
`;

export const PROCESSED_EVENTS_DDL = `
CREATE TABLE processed_events (
  consumer_group text        NOT NULL,
  event_id       uuid        NOT NULL,
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at);
`;

/** NOTIFY channel that wakes the relay of one schema as soon as a transaction adds outbox rows. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}
