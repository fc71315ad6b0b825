-- Re-announces every active offer on offers.offer.changed.v2, at its current version, through the
-- outbox of offer-ingestion: the way to rebuild the search index from Postgres (docs/events.md,
-- "Migration to v2"). Run against the offer_ingestion schema, e.g.
--   PGOPTIONS='-c search_path=offer_ingestion' psql "$DATABASE_URL" -v ON_ERROR_STOP=1 \
--     -f apps/offer-ingestion/ops/republish-active-offers.sql
-- The relay publishes the rows like any other event. The index takes each version it does not hold
-- yet and answers 409 (done) for the others; either way the indexer announces it on
-- offers.offer.indexed.v2, so decide beforehand what alert-matcher should do with them.
BEGIN;

WITH events AS (
  SELECT gen_random_uuid() AS event_id,
         o.id,
         to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS changed_at,
         jsonb_build_object(
           'offerId', o.id,
           'recruiterId', o.recruiter_id,
           'externalRef', o.external_ref,
           'version', o.version,
           'status', o.status,
           'changedAt', to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'offer', o.content || jsonb_build_object(
             'publishedAt', to_char(o.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         ) AS value
  FROM offers o
  WHERE o.status = 'active'
)
INSERT INTO outbox (event_id, topic, message_key, value, headers)
SELECT e.event_id,
       'offers.offer.changed.v2',
       e.id::text,
       e.value::text,
       jsonb_build_object(
         'ce_specversion', '1.0',
         'ce_id', e.event_id::text,
         'ce_type', 'offers.offer.changed',
         'ce_schemaversion', '2',
         'ce_time', e.changed_at,
         'ce_correlationid', 'republish-' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS'),
         'ce_source', 'vigie/offer-ingestion',
         'content-type', 'application/json')
FROM events e
ORDER BY e.id;

-- Wakes the relay at commit instead of at its next poll.
SELECT pg_notify('outbox_' || current_schema(), '');

COMMIT;
