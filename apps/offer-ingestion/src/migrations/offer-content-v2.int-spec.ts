import { createHash, randomUUID } from 'node:crypto';
import { envelopeToHeaders, OfferChangedV2Schema, OfferSchema } from '@vigie/contracts';
import { openDatabase, TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase, testInfra } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { canonicalOfferContent } from '../offers/canonical-offer';
import { normalizeOffer } from '../offers/normalized-offer';
import { OfferInput, OfferInputSchema } from '../offers/offer-input.schema';
import { PgOfferRepository } from '../offers/pg-offer.repository';
import { issueApiKey } from '../recruiters/api-key';
import { CreateOffers1764400000000 } from './1764400000000-create-offers';
import { OfferContentV21764600000000 } from './1764600000000-offer-content-v2';
import { OFFER_INGESTION_MIGRATIONS } from './offer-ingestion-migrations';

/** What the foundation's service stored for an input (its normalizeOffer, v1 snapshot without publishedAt). */
function v1Content(input: OfferInput): Record<string, unknown> {
  const l = input.location;
  return {
    title: input.title,
    description: input.description,
    companyName: input.companyName ?? null,
    contractType: input.contractType,
    remote: input.remote,
    location: l
      ? {
          city: l.city,
          postalCode: l.postalCode ?? null,
          communeCode: l.communeCode ?? null,
          geo: l.latitude !== undefined ? { latitude: l.latitude, longitude: l.longitude } : null,
        }
      : null,
    salary: input.salary
      ? {
          min: input.salary.min ?? null,
          max: input.salary.max ?? null,
          currency: 'EUR',
          period: input.salary.period,
        }
      : null,
    applyUrl: input.applyUrl ?? null,
    validThrough: input.validThrough ? new Date(input.validThrough).toISOString() : null,
  };
}

const base = { title: 'Agent de propreté (H/F)', description: 'Entretien des locaux.', contractType: 'cdd' };
/** v1 bodies covering every branch of the conversion. */
const INPUTS: Record<string, Record<string, unknown>> = {
  minimal: base,
  complete: {
    ...base,
    companyName: 'Nettoyage Durand',
    contractType: 'cdi',
    remote: 'hybrid',
    location: {
      city: 'Lyon',
      postalCode: '69003',
      communeCode: '69383',
      latitude: 45.7597,
      longitude: 4.8422,
    },
    salary: { min: 45_000, max: 55_000, period: 'year' },
    applyUrl: 'https://jobs.example.fr/offres/1',
    validThrough: '2027-02-01T00:00:00+01:00',
  },
  hourlyFrom: { ...base, salary: { min: 11.65, period: 'hour' }, remote: 'full' },
  monthlyUpTo: { ...base, salary: { max: 2_000, period: 'month' } },
  monthlyFixed: { ...base, salary: { min: 1_834.5, max: 1_834.5, period: 'month' } },
  bigHalfHourly: { ...base, salary: { min: 10.5, max: 1_234_567.25, period: 'hour' } },
  noFigure: { ...base, salary: { period: 'year' } },
  corsica: { ...base, location: { city: 'Ajaccio', postalCode: '20000', communeCode: '2A004' } },
  overseas: {
    ...base,
    location: { city: 'Pointe-à-Pitre', communeCode: '97120', latitude: 16.24, longitude: -61.53 },
  },
  collectivity: { ...base, location: { city: 'Gustavia', communeCode: '97701' } },
  cityOnly: { ...base, location: { city: 'Villeurbanne' } },
  nullIsland: { ...base, location: { city: 'Null Island', latitude: 0, longitude: 0 } },
  stated: { ...base, publishedAt: '2026-11-27T09:00:00+01:00' },
};

describe('migration OfferContentV2 on a database created by the foundation', () => {
  let db: TestDatabase;
  let migrated: DataSource;
  let recruiterId: string;
  const parsed = Object.fromEntries(
    Object.entries(INPUTS).map(([name, body]) => [
      name,
      OfferInputSchema.parse({ externalRef: name, ...body }),
    ]),
  );
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase('offers-v2-migration', [CreateOffers1764400000000]);
    // A recruiter as the foundation stored it (today's repository also writes tables of later migrations).
    const key = issueApiKey();
    const [recruiter] = await db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO recruiters (name, api_key_prefix, api_key_hash) VALUES ($1, $2, $3) RETURNING id`,
      ['Cabinet Durand', key.prefix, key.hash],
    );
    recruiterId = recruiter!.id;
    for (const [name, input] of Object.entries(parsed)) {
      const content = v1Content(input);
      const publishedAt = input.publishedAt ? new Date(input.publishedAt).toISOString() : null;
      const hash = createHash('sha256')
        .update(JSON.stringify([content, publishedAt]))
        .digest('hex');
      const [row] = await db.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO offers (recruiter_id, external_ref, version, status, content, content_hash,
                             requested_published_at, published_at)
         VALUES ($1, $2, 1, 'active', $3, $4, $5, coalesce($5::timestamptz, now())) RETURNING id`,
        [recruiterId, name, JSON.stringify(content), hash, publishedAt],
      );
      ids[name] = row!.id;
    }
    await insertOutbox(
      db.dataSource,
      'pending-active',
      v1Event(ids.complete!, v1Content(parsed.complete!)),
      null,
    );
    await insertOutbox(db.dataSource, 'pending-deleted', v1Event(ids.minimal!, null), null);
    await insertOutbox(
      db.dataSource,
      'published',
      v1Event(ids.complete!, v1Content(parsed.complete!)),
      'now',
    );

    // What the service does at boot: apply the pending migrations of its schema.
    migrated = await openDatabase({
      url: testInfra().databaseUrl,
      schema: db.schema,
      poolMax: 2,
      statementTimeoutMs: 15_000,
      applicationName: 'test-offers-v2-migration',
      migrations: OFFER_INGESTION_MIGRATIONS,
    });

    function v1Event(offerId: string, offer: Record<string, unknown> | null) {
      return {
        offerId,
        recruiterId,
        externalRef: 'complete',
        version: offer ? 1 : 2,
        status: offer ? 'active' : 'deleted',
        changedAt: '2026-11-28T09:15:00.000Z',
        offer: offer && { ...offer, publishedAt: '2026-11-27T08:00:00.000Z' },
      };
    }
  });

  afterAll(async () => {
    await migrated?.destroy();
    await db.drop();
  });

  const stored = async (name: string) =>
    (
      await migrated.query<Array<{ content: Record<string, unknown>; content_hash: string }>>(
        `SELECT content, content_hash FROM offers WHERE id = $1`,
        [ids[name]],
      )
    )[0]!;

  it.each(Object.keys(INPUTS))(
    'converts the %s offer exactly as the service maps its input',
    async (name) => {
      const row = await stored(name);

      expect(row.content).toEqual(canonicalOfferContent(parsed[name]!));
      const check = OfferSchema.safeParse({ ...row.content, publishedAt: '2026-11-27T08:00:00.000Z' });
      expect(check.error?.issues ?? []).toEqual([]);
    },
  );

  it.each(Object.keys(INPUTS))('rehashes the %s offer as the service hashes its input', async (name) => {
    expect((await stored(name)).content_hash).toBe(normalizeOffer(parsed[name]!).contentHash);
  });

  it('leaves a re-sent, unchanged offer unchanged: no new version, no event', async () => {
    const offers = new PgOfferRepository(migrated);
    const result = await new TypeOrmUnitOfWork(migrated).run((tx) =>
      offers.upsertMany(tx, recruiterId, [normalizeOffer(parsed.complete!), normalizeOffer(parsed.stated!)]),
    );

    expect(result.changed).toEqual([]);
    expect(result.unchanged.map((u) => u.version)).toEqual([1, 1]);
  });

  it('moves the events still waiting in the outbox to the v2 topic, and leaves published ones', async () => {
    const rows = await migrated.query<
      Array<{ event_id: string; topic: string; value: string; headers: Record<string, string> }>
    >(`SELECT event_id, topic, value, headers FROM outbox ORDER BY id`);

    expect(rows.map((r) => r.topic)).toEqual([
      'offers.offer.changed.v2',
      'offers.offer.changed.v2',
      'offers.offer.changed.v1',
    ]);
    for (const row of rows.slice(0, 2)) {
      expect(row.headers).toMatchObject({ ce_schemaversion: '2', ce_id: row.event_id });
      const value = OfferChangedV2Schema.safeParse(JSON.parse(row.value));
      expect(value.error?.issues ?? []).toEqual([]);
    }
    const active = JSON.parse(rows[0]!.value) as { offer: Record<string, unknown> };
    expect(active.offer).toEqual({
      ...canonicalOfferContent(parsed.complete!),
      publishedAt: '2026-11-27T08:00:00.000Z',
    });
  });

  it('is idempotent: converting content already in v2 changes nothing', async () => {
    const before = await stored('complete');
    const runner = migrated.createQueryRunner();
    try {
      await new OfferContentV21764600000000().up(runner);
    } finally {
      await runner.release();
    }

    expect(await stored('complete')).toEqual(before);
  });
});

async function insertOutbox(
  dataSource: DataSource,
  label: string,
  value: unknown,
  publishedAt: 'now' | null,
): Promise<void> {
  const eventId = randomUUID();
  const headers = envelopeToHeaders({
    eventId,
    eventType: 'offers.offer.changed',
    schemaVersion: 1,
    occurredAt: '2026-11-28T09:15:00.000Z',
    correlationId: label,
    producer: 'vigie/offer-ingestion',
  });
  await dataSource.query(
    `INSERT INTO outbox (event_id, topic, message_key, value, headers, published_at)
     VALUES ($1, 'offers.offer.changed.v1', $2, $3, $4, CASE WHEN $5::text = 'now' THEN now() END)`,
    [
      eventId,
      (value as { offerId: string }).offerId,
      JSON.stringify(value),
      JSON.stringify(headers),
      publishedAt,
    ],
  );
}
