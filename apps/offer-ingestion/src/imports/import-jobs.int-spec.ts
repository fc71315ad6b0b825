import { offerChangedV2, TOPICS } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { FakeClock } from '@vigie/kernel';
import {
  createKafka,
  ensureTopics,
  KafkaConnection,
  KafkaEventPublisher,
  KafkaSettings,
  OutboxRelay,
  OutboxWriter,
} from '@vigie/messaging';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import {
  eventually,
  offerInput,
  openTestDatabase,
  readTopic,
  TestDatabase,
  testInfra,
  testKafka,
  uniqueId,
} from '@vigie/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { OFFER_INGESTION_MIGRATIONS } from '../migrations/offer-ingestion-migrations';
import { PgOfferRepository } from '../offers/pg-offer.repository';
import { PublishOffersUseCase } from '../offers/publish-offers.usecase';
import { PgClusterIndex } from '../quality/clustering/pg-cluster-index';
import { OfferQualityService } from '../quality/offer-quality.service';
import { issueApiKey } from '../recruiters/api-key';
import { PgRecruiterRepository } from '../recruiters/pg-recruiter.repository';
import { FeedFormatCatalog } from './feed-format-catalog.port';
import type { FeedFormat, FeedParser } from './formats/feed-format';
import { FormatsFeedFormatCatalog } from './formats-feed-format-catalog';
import { FsImportSpool } from './fs-import-spool';
import { InProcessBatchPreparer } from './in-process-batch-preparer';
import type { ImportMode } from './import-job';
import type { ClaimedImport } from './import-job.repository.port';
import { PgImportJobRepository } from './pg-import-job.repository';
import { PgSnapshotExpiry } from './pg-snapshot-expiry';
import { RunImportsUseCase } from './run-imports.usecase';
import type { ImportSettings } from './import-settings';
import { StartImportUseCase } from './start-import.usecase';

/** The formats' own catalog, with a hook before each item: lets a test stop the "worker" mid-feed. */
class HookedCatalog extends FormatsFeedFormatCatalog {
  constructor(private readonly beforeYield: (position: number) => Promise<void> = async () => {}) {
    super();
  }

  override parserFor(format: FeedFormat): FeedParser {
    const real = super.parserFor(format);
    const beforeYield = this.beforeYield;
    return {
      format,
      async *parse(source, limits, onDeclaration) {
        for await (const item of real.parse(source, limits, onDeclaration)) {
          await beforeYield(item.position);
          yield item;
        }
      },
    };
  }
}

/**
 * Postgres jobs whose commit of the batch ending at `failAt` fails once, after the batch's offers
 * and events were written; the worker holding them then claims nothing more (it stopped).
 */
class FailingOnceJobs extends PgImportJobRepository {
  failed = false;

  constructor(
    dataSource: ConstructorParameters<typeof PgImportJobRepository>[0],
    private readonly failAt: number,
  ) {
    super(dataSource);
  }

  override async commitBatch(...args: Parameters<PgImportJobRepository['commitBatch']>): Promise<boolean> {
    if (args[2].checkpoint === this.failAt && !this.failed) {
      this.failed = true;
      throw new Error('connection terminated unexpectedly');
    }
    return super.commitBatch(...args);
  }

  override async claim(...args: Parameters<PgImportJobRepository['claim']>): Promise<ClaimedImport[]> {
    return this.failed ? [] : super.claim(...args);
  }
}

const SETTINGS: ImportSettings = {
  maxBytes: 1024 * 1024,
  batchSize: 4,
  batchMaxBytes: 1024 * 1024,
  leaseMs: 60_000,
  concurrency: 1,
  maxExpiryShare: 0.3,
  expiryBatchSize: 3,
  parseLimits: { maxRecordBytes: 100_000, maxDepth: 16 },
};

const lines = (items: Array<Record<string, unknown> | string>) =>
  items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n') + '\n';

describe('import jobs on Postgres and Kafka', () => {
  const logger = pino({ level: 'silent' });
  const kafka = testKafka(testInfra().kafkaBrokers);
  const clock = new FakeClock('2026-12-01T08:00:00.000Z');
  let db: TestDatabase;
  let settings: KafkaSettings;
  let connection: KafkaConnection;
  let relay: OutboxRelay;
  let spoolDir: string;

  const jobs = () => new PgImportJobRepository(db.dataSource);
  const spool = () => new FsImportSpool(spoolDir);
  const starter = () => new StartImportUseCase(jobs(), spool(), new HookedCatalog(), clock, SETTINGS);
  const worker = (catalog: FeedFormatCatalog = new HookedCatalog(), jobRepository = jobs()) => {
    const unitOfWork = new TypeOrmUnitOfWork(db.dataSource);
    const outbox = new OutboxWriter(db.schema);
    const publishOffers = new PublishOffersUseCase(
      unitOfWork,
      new PgOfferRepository(db.dataSource),
      outbox,
      new OfferQualityService(new PgClusterIndex(db.dataSource)),
    );
    return new RunImportsUseCase(
      jobRepository,
      spool(),
      catalog,
      publishOffers,
      new InProcessBatchPreparer(publishOffers),
      new PgSnapshotExpiry(db.dataSource),
      unitOfWork,
      outbox,
      clock,
      SETTINGS,
      logger,
    );
  };
  const newRecruiter = async () =>
    (await new PgRecruiterRepository(db.dataSource).create(uniqueId('Maison'), issueApiKey())).id;
  const upload = (recruiterId: string, body: Buffer | string, mode: ImportMode, extra: object = {}) =>
    starter().execute({
      recruiterId,
      body: Readable.from([Buffer.from(body)]),
      contentType: 'application/x-ndjson',
      contentEncoding: null,
      mode,
      expectedCount: null,
      source: { kind: 'upload' },
      ...extra,
    });
  const jobOf = async (recruiterId: string, id: string) => (await jobs().find(recruiterId, id))!;
  const reportOf = async (id: string) => (await jobs().report(id, 0, 1_000)).rows;
  const statusOf = async (recruiterId: string, ref: string) =>
    (
      await db.dataSource.query<Array<{ status: string; version: number }>>(
        `SELECT status, version FROM offers WHERE recruiter_id = $1 AND external_ref = $2`,
        [recruiterId, ref],
      )
    )[0];
  const announced = async (recruiterId: string) => {
    while ((await relay.relayOnce()) > 0);
    return (await readTopic(kafka, `${settings.topicPrefix}${TOPICS.offerChanged}`))
      .map((m) => offerChangedV2.value.parse(JSON.parse(m.value!)))
      .filter((e) => e.recruiterId === recruiterId);
  };

  beforeAll(async () => {
    db = await openTestDatabase('imports', OFFER_INGESTION_MIGRATIONS);
    spoolDir = mkdtempSync(join(tmpdir(), 'vigie-spool-'));
    settings = {
      brokers: testInfra().kafkaBrokers.split(','),
      clientId: 'imports-test',
      topicPrefix: `${uniqueId('imports')}.`,
      partitions: 1,
      replicationFactor: 1,
      ssl: false,
      producerName: 'vigie/test',
    };
    connection = new KafkaConnection(createKafka(settings, logger));
    // Creating a recruiter also writes recruiters.account.changed.v1 to the outbox, which the relay publishes.
    await ensureTopics(connection, settings, {
      produces: [TOPICS.offerChanged, TOPICS.recruiterAccountChanged],
      consumes: [],
    });
    relay = new OutboxRelay(
      db.dataSource,
      new KafkaEventPublisher(connection, settings),
      { databaseUrl: testInfra().databaseUrl, schema: db.schema, pollIntervalMs: 60_000, batchSize: 500 },
      logger,
      new MetricsRegistry(),
      FaultInjector.none(),
    );
  });

  afterAll(async () => {
    await relay.close();
    await connection.close();
    await db.drop();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('spools a gzip upload, imports it in batches with a row per item, and announces each new offer once', async () => {
    const recruiterId = await newRecruiter();
    const feed = lines([
      offerInput({ externalRef: 'D-1', title: 'Magasinier (H/F)' }),
      offerInput({ externalRef: 'D-2', title: 'Cariste (H/F)' }),
      offerInput({ externalRef: 'D-3', title: '' }),
      '{not json',
      offerInput({ externalRef: 'D-4', title: 'Préparateur de commandes (H/F)' }),
      offerInput({ externalRef: 'D-5', title: 'Chef d’équipe logistique (H/F)' }),
    ]);

    const { importId } = await upload(recruiterId, gzipSync(feed), 'delta', { contentEncoding: 'gzip' });
    expect((await jobOf(recruiterId, importId)).status).toBe('queued');
    expect((await jobOf(recruiterId, importId)).bytesTotal).toBe(Buffer.byteLength(feed));
    expect(await worker().execute()).toBe(1);

    const job = await jobOf(recruiterId, importId);
    expect(job).toMatchObject({ status: 'completed', checkpoint: 6, bytesRead: Buffer.byteLength(feed) });
    expect(job.counters).toEqual({
      itemsRead: 6,
      added: 4,
      updated: 0,
      unchanged: 0,
      expired: 0,
      rejected: 2,
    });
    const report = await reportOf(importId);
    expect(report.map((r) => [r.position, r.externalRef, r.outcome, r.reasonCode])).toEqual([
      [1, 'D-1', 'added', null],
      [2, 'D-2', 'added', null],
      [3, 'D-3', 'rejected', 'INVALID'],
      [4, null, 'rejected', 'FEED_RECORD_INVALID'],
      [5, 'D-4', 'added', null],
      [6, 'D-5', 'added', null],
    ]);
    expect(report[2]!.fieldErrors).toEqual([{ field: 'title', reason: expect.any(String) as unknown }]);
    expect(report[3]!.fieldErrors).toEqual([
      { field: expect.any(String) as unknown, reason: expect.any(String) as unknown },
    ]);
    const events = await announced(recruiterId);
    expect(events.map((e) => e.externalRef).sort()).toEqual(['D-1', 'D-2', 'D-4', 'D-5']);

    // The same feed again: nothing changed, nothing announced.
    const again = await upload(recruiterId, feed, 'delta');
    await worker().execute();
    expect((await jobOf(recruiterId, again.importId)).counters).toMatchObject({ added: 0, unchanged: 4 });
    expect(await announced(recruiterId)).toHaveLength(4);
  });

  it('reports a blocked offer with each finding, and a flagged one as published with its findings', async () => {
    const recruiterId = await newRecruiter();
    const blockedText = 'Recherche vendeuse 25-35 ans pour notre boutique du centre-ville.';
    const feed = lines([
      offerInput({ externalRef: 'Q-CLEAN', title: 'Conseiller de vente (H/F)' }),
      offerInput({ externalRef: 'Q-BLOCK', title: 'Vendeuse', description: blockedText }),
      offerInput({
        externalRef: 'Q-FLAG',
        title: 'Réceptionniste (H/F)',
        description: "Accueil des clients de l'hôtel, réservations et facturation. Bonne présentation.",
      }),
    ]);

    const { importId } = await upload(recruiterId, feed, 'delta');
    await worker().execute();

    const report = await reportOf(importId);
    expect(report.map((r) => [r.externalRef, r.outcome, r.reasonCode])).toEqual([
      ['Q-CLEAN', 'added', null],
      ['Q-BLOCK', 'rejected', 'BLOCKED_BY_SCREENING'],
      ['Q-FLAG', 'added', null],
    ]);
    expect(report[0]!.findings).toBeNull();
    const blocked = report[1]!;
    expect(blocked.offerId).toBeNull();
    expect(blocked.findings).toContainEqual({
      ruleId: 'R3',
      severity: 'block',
      span: {
        field: 'description',
        start: blockedText.indexOf('25'),
        end: blockedText.indexOf(' pour'),
        text: '25-35 ans',
      },
      legalBasis: expect.arrayContaining(['C. trav. L5331-2']) as string[],
      suggestion: expect.stringContaining('apprentissage') as string,
      reason: 'age range for the candidate',
    });
    // Every finding is reported, the feminine title (R1) too, so one rewording fixes them all.
    expect(blocked.findings!.map((f) => f.ruleId)).toContain('R1');
    const flagged = report[2]!;
    expect(flagged.findings).toEqual([
      expect.objectContaining({
        ruleId: 'R9',
        severity: 'flag',
        span: expect.objectContaining({ field: 'description', text: 'Bonne présentation' }) as object,
        legalBasis: expect.any(Array) as string[],
        suggestion: expect.any(String) as string,
      }),
    ]);
    // The flagged offer is stored and announced with the same findings; the blocked one never is.
    const stored = await new PgOfferRepository(db.dataSource).findById(recruiterId, flagged.offerId!);
    expect(stored!.findings).toEqual(flagged.findings);
    expect(await statusOf(recruiterId, 'Q-BLOCK')).toBeUndefined();
    const events = await announced(recruiterId);
    expect(events.map((e) => [e.externalRef, e.offer!.moderation.status]).sort()).toEqual([
      ['Q-CLEAN', 'clean'],
      ['Q-FLAG', 'flagged'],
    ]);
  });

  it('refuses a body larger than the limit once decompressed and fails the job', async () => {
    const recruiterId = await newRecruiter();
    const bomb = gzipSync(Buffer.alloc(SETTINGS.maxBytes + 1, 0x20));

    await expect(upload(recruiterId, bomb, 'delta', { contentEncoding: 'gzip' })).rejects.toMatchObject({
      code: 'FEED_TOO_LARGE',
    });
    const rows: Array<{ status: string; error_code: string }> = await db.dataSource.query(
      `SELECT status, error_code FROM import_jobs WHERE recruiter_id = $1`,
      [recruiterId],
    );
    expect(rows).toEqual([{ status: 'failed', error_code: 'FEED_TOO_LARGE' }]);
  });

  it('snapshot expires the live offers the feed does not name, through offer events', async () => {
    const recruiterId = await newRecruiter();
    const all = Array.from({ length: 10 }, (_, i) => offerInput({ externalRef: `S-${i}` }));
    await upload(recruiterId, lines(all), 'delta');
    await worker().execute();

    const { importId } = await upload(recruiterId, lines(all.slice(0, 8)), 'snapshot');
    await worker().execute();

    const job = await jobOf(recruiterId, importId);
    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({ unchanged: 8, expired: 2 });
    expect(await statusOf(recruiterId, 'S-8')).toEqual({ status: 'expired', version: 2 });
    expect(await statusOf(recruiterId, 'S-7')).toEqual({ status: 'active', version: 1 });
    const expiredRows = (await reportOf(importId)).filter((r) => r.outcome === 'expired');
    expect(expiredRows.map((r) => r.externalRef).sort()).toEqual(['S-8', 'S-9']);
    const expired = (await announced(recruiterId)).filter((e) => e.status === 'expired');
    expect(expired.map((e) => e.externalRef).sort()).toEqual(['S-8', 'S-9']);
  });

  it('holds a snapshot that would expire more than the allowed share, and applies it once confirmed', async () => {
    const recruiterId = await newRecruiter();
    const all = Array.from({ length: 10 }, (_, i) => offerInput({ externalRef: `T-${i}` }));
    await upload(recruiterId, lines(all), 'delta');
    await worker().execute();

    const { importId } = await upload(recruiterId, lines(all.slice(0, 3)), 'snapshot');
    await worker().execute();

    const held = await jobOf(recruiterId, importId);
    expect(held.status).toBe('held');
    expect(held.hold).toEqual({
      reason: 'EXPIRY_SHARE_EXCEEDED',
      wouldExpire: 7,
      liveOffers: 10,
      maxShare: 0.3,
      expectedCount: null,
      itemsRead: 3,
    });
    expect(await statusOf(recruiterId, 'T-9')).toEqual({ status: 'active', version: 1 });

    expect(await jobs().confirmExpiry(recruiterId, importId, clock.now())).toBe('confirmed');
    expect(await jobs().confirmExpiry(recruiterId, importId, clock.now())).toBe('not-held');
    await worker().execute();

    const done = await jobOf(recruiterId, importId);
    expect(done).toMatchObject({ status: 'completed', counters: { expired: 7 } });
    expect(await statusOf(recruiterId, 'T-9')).toEqual({ status: 'expired', version: 2 });
  });

  it('holds a snapshot whose declared count differs from the items read', async () => {
    const recruiterId = await newRecruiter();
    const { importId } = await upload(recruiterId, lines([offerInput({ externalRef: 'E-1' })]), 'snapshot', {
      expectedCount: 2,
    });
    await worker().execute();

    expect(await jobOf(recruiterId, importId)).toMatchObject({
      status: 'held',
      hold: { reason: 'EXPECTED_COUNT_MISMATCH', expectedCount: 2, itemsRead: 1 },
    });
  });

  it('another recruiter cannot see or confirm the job', async () => {
    const owner = await newRecruiter();
    const other = await newRecruiter();
    const { importId } = await upload(owner, lines([offerInput({ externalRef: 'O-1' })]), 'delta');

    expect(await jobs().find(other, importId)).toBeNull();
    expect(await jobs().confirmExpiry(other, importId, clock.now())).toBe('not-found');
  });

  it('a job whose worker died resumes from its checkpoint: nothing lost, nothing announced twice', async () => {
    // A job an earlier test left queued (same database, same fake time, so no order between them)
    // would be claimed by either worker below and change its count: run it out first.
    await worker().execute();
    const recruiterId = await newRecruiter();
    const refs = Array.from({ length: 11 }, (_, i) => `R-${i + 1}`);
    const { importId } = await upload(
      recruiterId,
      lines(refs.map((externalRef) => offerInput({ externalRef }))),
      'delta',
    );
    // The first worker stops for good while reading item 7: items 1–4 (one batch) are committed.
    let freeze: () => void = () => {};
    const frozen = new Promise<void>((resolve) => (freeze = resolve));
    let reached: () => void = () => {};
    const atSeven = new Promise<void>((resolve) => (reached = resolve));
    const dying = worker(
      new HookedCatalog(async (position) => {
        if (position === 7) {
          reached();
          await frozen;
        }
      }),
    ).execute();
    await atSeven;
    // The first batch commits while the next one is read: it lands even though the reader is stuck.
    await eventually(async () => expect((await jobOf(recruiterId, importId)).checkpoint).toBe(4), {
      timeoutMs: 10_000,
    });

    // Its lease runs out; another worker takes the job over and finishes it.
    clock.advance(SETTINGS.leaseMs + 1);
    expect(await worker().execute()).toBe(1);
    const job = await jobOf(recruiterId, importId);
    expect(job).toMatchObject({ status: 'completed', checkpoint: 11, attempts: 2 });
    expect(job.counters).toMatchObject({ itemsRead: 11, added: 11, rejected: 0 });

    // The first worker wakes up: its lease is gone, so it commits nothing more.
    freeze();
    await dying;
    expect((await reportOf(importId)).map((r) => r.position)).toEqual(refs.map((_, i) => i + 1));
    const events = await announced(recruiterId);
    expect(events.map((e) => e.externalRef).sort()).toEqual([...refs].sort());
  });

  it('a batch that fails mid-transaction is rolled back with the batch prepared after it, and the rerun is exact', async () => {
    const recruiterId = await newRecruiter();
    const refs = Array.from({ length: 11 }, (_, i) => `M-${i + 1}`);
    const { importId } = await upload(
      recruiterId,
      lines(refs.map((externalRef) => offerInput({ externalRef, title: `Poste ${externalRef}` }))),
      'delta',
    );
    // Batch 5–8 writes its offers and events, then its checkpoint fails: all of it rolls back,
    // while batch 9–11 was already read and prepared. Had anything of 5–8 stayed, the rerun would
    // report it unchanged, or announce a version 2.
    const failing = new FailingOnceJobs(db.dataSource, 8);

    expect(await worker(new HookedCatalog(), failing).execute()).toBe(1);
    expect(failing.failed).toBe(true);
    const interrupted = await jobOf(recruiterId, importId);
    expect(interrupted).toMatchObject({ status: 'running', checkpoint: 4 });
    expect(interrupted.counters).toMatchObject({ itemsRead: 4, added: 4 });
    expect(await statusOf(recruiterId, 'M-5')).toBeUndefined();

    expect(await worker().execute()).toBe(1);
    const job = await jobOf(recruiterId, importId);
    expect(job).toMatchObject({ status: 'completed', checkpoint: 11, attempts: 2 });
    expect(job.counters).toEqual({
      itemsRead: 11,
      added: 11,
      updated: 0,
      unchanged: 0,
      expired: 0,
      rejected: 0,
    });
    expect((await reportOf(importId)).map((r) => [r.position, r.outcome])).toEqual(
      refs.map((_, i) => [i + 1, 'added']),
    );
    const events = await announced(recruiterId);
    expect(events.map((e) => e.externalRef).sort()).toEqual([...refs].sort());
    expect(events.every((e) => e.version === 1)).toBe(true);
  });

  it('rejects a reference repeated inside a batch, updates it from a later batch, and clusters copies across batches', async () => {
    const recruiterId = await newRecruiter();
    const job = {
      title: 'Agent de quai (H/F)',
      description:
        'Chargement et déchargement des camions, contrôle des colis, scan des étiquettes et tenue du quai. ' +
        'Horaires en 2x8, port de charges, chaussures de sécurité fournies. Débutant accepté, formation assurée.',
    };
    const { importId } = await upload(
      recruiterId,
      lines([
        offerInput({ externalRef: 'Q-1', ...job }),
        offerInput({ externalRef: 'Q-2', ...job }),
        offerInput({ externalRef: 'Q-1', ...job, title: 'Agent de quai confirmé (H/F)' }),
        offerInput({
          externalRef: 'Q-3',
          title: 'Comptable (H/F)',
          description: 'Tenue de la comptabilité.',
        }),
        offerInput({ externalRef: 'Q-1', ...job, title: 'Agent de quai expérimenté (H/F)' }),
        offerInput({ externalRef: 'Q-4', ...job }),
      ]),
      'delta',
    );

    await worker().execute();

    const report = await reportOf(importId);
    expect(report.map((r) => [r.position, r.externalRef, r.outcome, r.reasonCode])).toEqual([
      [1, 'Q-1', 'added', null],
      [2, 'Q-2', 'added', null],
      [3, 'Q-1', 'rejected', 'INVALID'],
      [4, 'Q-3', 'added', null],
      [5, 'Q-1', 'updated', null],
      [6, 'Q-4', 'added', null],
    ]);
    expect(report[2]!.fieldErrors).toEqual([
      { field: 'externalRef', reason: 'duplicates offers[0] in this batch' },
    ]);
    const clusters = await db.dataSource.query<
      Array<{ external_ref: string; cluster: string; version: number }>
    >(
      `SELECT external_ref, content->>'clusterId' AS cluster, version FROM offers
        WHERE recruiter_id = $1 ORDER BY external_ref`,
      [recruiterId],
    );
    const clusterOf = Object.fromEntries(clusters.map((c) => [c.external_ref, c.cluster]));
    expect(clusterOf['Q-2']).toBe(clusterOf['Q-1']);
    expect(clusterOf['Q-4']).toBe(clusterOf['Q-1']);
    expect(clusterOf['Q-3']).not.toBe(clusterOf['Q-1']);
    expect(clusters.find((c) => c.external_ref === 'Q-1')!.version).toBe(2);
  });
});
