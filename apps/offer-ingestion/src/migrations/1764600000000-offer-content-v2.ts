import { MigrationInterface, QueryRunner } from 'typeorm';
import { OfferContent, offerContentHash } from '../offers/canonical-offer';

const V1_TOPIC = 'offers.offer.changed.v1';
const V2_TOPIC = 'offers.offer.changed.v2';
const HASH_BATCH = 1_000;

/**
 * SQL twins of canonical-offer.ts, for content stored in the v1 shape (OfferSnapshot without
 * publishedAt). Session-local (pg_temp), dropped at the end. Single-expression SQL functions
 * declared STABLE (jsonb_build_object is) so the planner inlines them: 20× faster than calls.
 */
const FUNCTIONS = `
CREATE FUNCTION pg_temp.vigie_amount(n text) RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT regexp_replace(split_part(n, '.', 1), '(\\d)(?=(\\d{3})+$)', '\\1' || chr(160), 'g')
         || CASE WHEN position('.' IN n) > 0 THEN ',' || split_part(n, '.', 2) ELSE '' END
$fn$;

CREATE FUNCTION pg_temp.vigie_factor(period text) RETURNS integer LANGUAGE sql STABLE AS $fn$
  SELECT CASE period WHEN 'hour' THEN 1607 WHEN 'month' THEN 12 ELSE 1 END
$fn$;

CREATE FUNCTION pg_temp.vigie_unit(period text) RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT chr(160) || '€ ' || CASE period WHEN 'hour' THEN 'de l''heure' WHEN 'month' THEN 'par mois'
                                         ELSE 'par an' END
$fn$;

CREATE FUNCTION pg_temp.vigie_salary_v2(s jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT CASE
    WHEN jsonb_typeof(s) IS DISTINCT FROM 'object' OR (s->>'min' IS NULL AND s->>'max' IS NULL)
      THEN 'null'::jsonb
    ELSE jsonb_build_object(
      'minAnnualEur', round((s->>'min')::numeric * pg_temp.vigie_factor(s->>'period')),
      'maxAnnualEur', round((s->>'max')::numeric * pg_temp.vigie_factor(s->>'period')),
      'label', CASE
        WHEN s->>'min' IS NOT NULL AND s->>'max' IS NOT NULL AND (s->>'min')::numeric = (s->>'max')::numeric
          THEN pg_temp.vigie_amount(s->>'min')
        WHEN s->>'min' IS NOT NULL AND s->>'max' IS NOT NULL
          THEN pg_temp.vigie_amount(s->>'min') || ' à ' || pg_temp.vigie_amount(s->>'max')
        WHEN s->>'min' IS NOT NULL THEN 'à partir de ' || pg_temp.vigie_amount(s->>'min')
        ELSE 'jusqu''à ' || pg_temp.vigie_amount(s->>'max')
      END || pg_temp.vigie_unit(s->>'period'))
  END
$fn$;

CREATE FUNCTION pg_temp.vigie_head(commune text) RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT CASE WHEN commune LIKE '97%' THEN left(commune, 3) ELSE left(commune, 2) END
$fn$;

-- The head of the INSEE code when it is a department (not 20, 977, 978, 98x).
CREATE FUNCTION pg_temp.vigie_department(head text) RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT CASE WHEN head ~ '^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$' THEN head END
$fn$;

CREATE FUNCTION pg_temp.vigie_place_v2(l jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT CASE WHEN jsonb_typeof(l) IS DISTINCT FROM 'object' THEN 'null'::jsonb ELSE jsonb_build_object(
    'label', l->'city',
    'postalCode', l->'postalCode',
    'commune', null,
    'departmentCode', pg_temp.vigie_department(pg_temp.vigie_head(l->>'communeCode')),
    'regionCode', null,
    'geo', l->'geo',
    'geoPrecision', CASE WHEN jsonb_typeof(l->'geo') = 'object' THEN 'feed' END)
  END
$fn$;

CREATE FUNCTION pg_temp.vigie_content_v2(c jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_build_object(
    'title', c->'title',
    'description', c->'description',
    'descriptionHtml', null,
    'companyName', c->'companyName',
    'contract', jsonb_build_object('type', c->'contractType', 'source', null),
    'workingTime', null,
    'remote', CASE c->>'remote' WHEN 'hybrid' THEN 'partial' ELSE coalesce(c->>'remote', 'none') END,
    'place', pg_temp.vigie_place_v2(c->'location'),
    'salary', pg_temp.vigie_salary_v2(c->'salary'),
    'romeCode', null,
    'applyUrl', c->'applyUrl',
    'validThrough', c->'validThrough',
    'clusterId', null,
    'moderation', '{"status": "clean", "ruleIds": []}'::jsonb)
$fn$;
`;

const DROP_FUNCTIONS = `
DROP FUNCTION pg_temp.vigie_content_v2(jsonb);
DROP FUNCTION pg_temp.vigie_place_v2(jsonb);
DROP FUNCTION pg_temp.vigie_department(text);
DROP FUNCTION pg_temp.vigie_head(text);
DROP FUNCTION pg_temp.vigie_salary_v2(jsonb);
DROP FUNCTION pg_temp.vigie_unit(text);
DROP FUNCTION pg_temp.vigie_factor(text);
DROP FUNCTION pg_temp.vigie_amount(text);
`;

/**
 * Moves stored offers to the canonical offer (offers.offer.changed.v2):
 * 1. `offers.content` from the v1 snapshot to the v2 shape (rows already in v2 are left alone);
 * 2. events still waiting in the outbox for offers.offer.changed.v1 are rewritten for v2, so none is
 *    published to a topic nobody consumes any more;
 * 3. `content_hash` recomputed with the service's own hash, so re-sending an unchanged offer stays
 *    « unchanged » instead of minting a new version of every offer.
 */
export class OfferContentV21764600000000 implements MigrationInterface {
  name = 'OfferContentV21764600000000';

  async up(q: QueryRunner): Promise<void> {
    // One UPDATE over every offer outlasts DATABASE_STATEMENT_TIMEOUT_MS at scale; only this
    // migration's transaction is exempt.
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(FUNCTIONS);
    await q.query(
      `UPDATE offers SET content = pg_temp.vigie_content_v2(content) WHERE NOT content ? 'contract'`,
    );
    await q.query(
      `UPDATE outbox
       SET topic = $2,
           headers = headers || '{"ce_schemaversion": "2"}'::jsonb,
           value = CASE WHEN value::jsonb->'offer' = 'null'::jsonb THEN value
                        ELSE jsonb_set(value::jsonb, '{offer}',
                               pg_temp.vigie_content_v2(value::jsonb->'offer')
                               || jsonb_build_object('publishedAt', value::jsonb->'offer'->'publishedAt'))::text
                   END
       WHERE topic = $1 AND published_at IS NULL`,
      [V1_TOPIC, V2_TOPIC],
    );
    await q.query(DROP_FUNCTIONS);
    await rehash(q);
  }

  /** Back to the v1 shape, for a rollback of the service: lossy where v2 knows more than v1. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(
      `UPDATE offers SET content = jsonb_build_object(
         'title', content->'title',
         'description', content->'description',
         'companyName', content->'companyName',
         -- v1 has no professionalisation contract; apprenticeship is the nearest (both are alternance).
         'contractType', CASE content->'contract'->>'type' WHEN 'professionalisation' THEN 'apprenticeship'
                              ELSE content->'contract'->>'type' END,
         'remote', CASE content->>'remote' WHEN 'partial' THEN 'hybrid' ELSE content->>'remote' END,
         'location', CASE WHEN jsonb_typeof(content->'place') = 'object' THEN jsonb_build_object(
             'city', content->'place'->'label',
             'postalCode', content->'place'->'postalCode',
             'communeCode', coalesce(content->'place'->'commune'->'code', 'null'::jsonb),
             'geo', content->'place'->'geo') END,
         -- Annual figures: the period the recruiter used is not kept in v2.
         'salary', CASE WHEN jsonb_typeof(content->'salary') = 'object' THEN jsonb_build_object(
             'min', content->'salary'->'minAnnualEur', 'max', content->'salary'->'maxAnnualEur',
             'currency', 'EUR', 'period', 'year') END,
         'applyUrl', content->'applyUrl',
         'validThrough', content->'validThrough')
       WHERE content ? 'contract'`,
    );
    // Hashes are left as they are: the v1 service hashes differently, so its first re-send of each
    // offer makes one new version. Drain the outbox before rolling back (v2 rows stay v2).
  }
}

/** Keyset pages over the offers, each page updated in one statement. */
async function rehash(q: QueryRunner): Promise<void> {
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = (await q.query(
      `SELECT id, content, requested_published_at FROM offers WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, HASH_BATCH],
    )) as Array<{ id: string; content: OfferContent; requested_published_at: Date | null }>;
    if (rows.length === 0) return;
    await q.query(
      `UPDATE offers SET content_hash = t.hash
       FROM unnest($1::uuid[], $2::text[]) AS t(id, hash) WHERE offers.id = t.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => offerContentHash(r.content, r.requested_published_at?.toISOString() ?? null)),
      ],
    );
    after = rows[rows.length - 1]!.id;
  }
}
