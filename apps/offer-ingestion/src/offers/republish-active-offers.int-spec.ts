import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventDefinitionFor, headersToEnvelope, OfferChangedV2, TOPICS } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { offerInput, openTestDatabase, TestDatabase } from '@vigie/testing';
import { OFFER_INGESTION_MIGRATIONS } from '../migrations/offer-ingestion-migrations';
import { issueApiKey } from '../recruiters/api-key';
import { PgRecruiterRepository } from '../recruiters/pg-recruiter.repository';
import { normalizeOffer } from './normalized-offer';
import { offerChangedEvent } from './offer-events';
import { OfferInputSchema } from './offer-input.schema';
import { PgOfferRepository } from './pg-offer.repository';

const SCRIPT = readFileSync(join(__dirname, '..', '..', 'ops', 'republish-active-offers.sql'), 'utf8');

describe('ops/republish-active-offers.sql (rebuilding the index from Postgres)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('offers-republish', OFFER_INGESTION_MIGRATIONS);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('enqueues one valid offers.offer.changed.v2 event per active offer, equal to what the service publishes', async () => {
    const recruiterId = (await new PgRecruiterRepository(db.dataSource).create('Cabinet', issueApiKey())).id;
    const offers = new PgOfferRepository(db.dataSource);
    const uow = new TypeOrmUnitOfWork(db.dataSource);
    const inputs = ['A', 'B', 'C'].map((ref) =>
      normalizeOffer(
        OfferInputSchema.parse(offerInput({ externalRef: ref, publishedAt: '2026-11-27T08:00:00+01:00' })),
      ),
    );
    const { changed } = await uow.run((tx) => offers.upsertMany(tx, recruiterId, inputs));
    const withdrawn = changed.find((c) => c.externalRef === 'C')!;
    await uow.run((tx) => offers.markDeleted(tx, recruiterId, withdrawn.offerId));
    const published = new Map(
      changed.filter((c) => c !== withdrawn).map((c) => [c.offerId, offerChangedEvent(recruiterId, c)]),
    );

    await db.dataSource.query(SCRIPT);

    const rows = await db.dataSource.query<
      Array<{ topic: string; message_key: string; value: string; headers: Record<string, string> }>
    >(
      `SELECT topic, message_key, value, headers FROM outbox WHERE published_at IS NULL AND topic = $1 ORDER BY id`,
      [TOPICS.offerChanged],
    );
    expect(rows.map((r) => r.message_key).sort()).toEqual([...published.keys()].sort());
    const definition = eventDefinitionFor(TOPICS.offerChanged)!;
    for (const row of rows) {
      const envelope = headersToEnvelope(row.headers);
      expect(envelope.error?.issues ?? []).toEqual([]);
      expect(envelope.data).toMatchObject({
        eventType: definition.type,
        schemaVersion: definition.schemaVersion,
        producer: 'vigie/offer-ingestion',
      });
      expect(row.topic).toBe(definition.topic);
      const value = definition.value.safeParse(JSON.parse(row.value));
      expect(value.error?.issues ?? []).toEqual([]);
      expect(JSON.parse(row.value) as OfferChangedV2).toEqual(
        JSON.parse(published.get(row.message_key)!.value) as OfferChangedV2,
      );
    }
  });
});
