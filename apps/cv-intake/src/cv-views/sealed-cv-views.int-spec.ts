import { INestApplication } from '@nestjs/common';
import {
  CvView,
  cvViewedV1,
  CvViewedV1,
  deadLetterTopicOf,
  envelopeToHeaders,
  TOPICS,
} from '@vigie/contracts';
import { PgSubjectKeyStore } from '@vigie/database';
import {
  AesGcmSubjectCipher,
  CachedSubjectKeyStore,
  PlainDataKeys,
  SubjectCipher,
  SystemClock,
} from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import {
  eventually,
  openTestDatabase,
  produce,
  readTopic,
  startTestConsumer,
  testInfra,
  testKafka,
  TestDatabase,
  uniqueId,
} from '@vigie/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CV_INTAKE_MIGRATIONS } from '../migrations/cv-intake-migrations';
import { sealCvView } from './cv-view-seal';
import { CvViewLedger } from './cv-view.port';
import { CvViewedConsumer } from './cv-viewed.consumer';
import { PgCvViewLedger } from './pg-cv-view-ledger';
import { RecordCvViewsUseCase } from './record-cv-views.usecase';

const RECRUITER = '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706';

/** The view consumer wired as cv-intake wires it, on real Kafka and Postgres (cv_keys). */
describe('Sealed CV views on Kafka and Postgres (crypto-shredding)', () => {
  const infra = testInfra();
  const kafka = testKafka(infra.kafkaBrokers);
  const prefix = `${uniqueId('cv-sealed')}.`;
  const topic = `${prefix}${TOPICS.cvViewed}`;
  let db: TestDatabase;
  let app: INestApplication | undefined;
  let producerCipher: SubjectCipher;

  const cipherOn = (dataSource: DataSource) =>
    new AesGcmSubjectCipher(
      new CachedSubjectKeyStore(
        new PgSubjectKeyStore(dataSource, 'cv_keys', new PlainDataKeys()),
        new SystemClock(),
        {
          ttlMs: 30_000,
          maxEntries: 1_000,
        },
      ),
    );

  const newCv = async (candidateId: string): Promise<string> => {
    const [row]: Array<{ id: string }> = await db.dataSource.query(
      `INSERT INTO cvs (candidate_id, original_name, media_type, size_bytes) VALUES ($1, 'cv.json', 'application/json', 10) RETURNING id`,
      [candidateId],
    );
    return row!.id;
  };

  const view = (cvId: string, company: string, viewedAt: string): CvView => ({
    viewId: randomUUID(),
    cvId,
    recruiterId: RECRUITER,
    company,
    viewedAt,
  });

  const message = (v: CvViewedV1) => ({
    key: cvViewedV1.keyOf(v),
    value: JSON.stringify(v),
    headers: envelopeToHeaders({
      eventId: randomUUID(),
      eventType: cvViewedV1.type,
      schemaVersion: cvViewedV1.schemaVersion,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${v.viewId}`,
      producer: 'vigie/cv-intake',
    }),
  });

  const startConsumer = (): Promise<INestApplication> =>
    startTestConsumer({
      brokers: infra.kafkaBrokers,
      topicPrefix: prefix,
      clientId: 'cv-sealed-test',
      groupId: 'cv-intake',
      consumes: [TOPICS.cvViewed],
      controllers: [CvViewedConsumer],
      providers: [
        { provide: DataSource, useValue: db.dataSource },
        { provide: CvViewLedger, useClass: PgCvViewLedger },
        { provide: SubjectCipher, useFactory: (ds: DataSource) => cipherOn(ds), inject: [DataSource] },
        {
          provide: RecordCvViewsUseCase,
          useFactory: (cipher: SubjectCipher, ledger: CvViewLedger) =>
            new RecordCvViewsUseCase(cipher, ledger),
          inject: [SubjectCipher, CvViewLedger],
        },
      ],
    });

  const counters = async (cvId: string): Promise<number> => {
    const rows: Array<{ n: string }> = await db.dataSource.query(
      `SELECT coalesce(sum(views), 0) AS n FROM cv_view_counters WHERE cv_id = $1`,
      [cvId],
    );
    return Number(rows[0]!.n);
  };

  beforeAll(async () => {
    db = await openTestDatabase('cv_sealed', CV_INTAKE_MIGRATIONS);
    producerCipher = cipherOn(db.dataSource);
    // The records must be on the topic before the consumer (which would provision it) starts.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('drops unread the views produced before their CV’s erasure, counts the rest exactly under replay, dead-letters nothing', async () => {
    const erasedCv = await newCv('cand-erased');
    const keptCv = await newCv('cand-kept');
    const ofErased = await Promise.all(
      ['Atelier Loire Métal', 'Cabinet Durand'].map((c) =>
        sealCvView(producerCipher, view(erasedCv, c, '2026-12-02T09:00:00.000Z')),
      ),
    );
    const ofKept = await Promise.all(
      ['Clinique du Parc', 'Boulangerie Martin', 'Clinique du Parc'].map((c) =>
        sealCvView(producerCipher, view(keptCv, c, '2026-12-02T10:00:00.000Z')),
      ),
    );
    // A record written before the viewer was sealed: still read.
    const oldClear = view(keptCv, 'Transports Bernard', '2026-12-01T08:00:00.000Z');
    await produce(kafka, topic, [...ofErased, ...ofKept, oldClear].map(message));

    // The erasure deletes the CV's row; its key goes with it in that statement (ON DELETE CASCADE).
    await db.dataSource.query(`DELETE FROM cvs WHERE id = $1`, [erasedCv]);
    const keys: unknown[] = await db.dataSource.query(`SELECT 1 FROM cv_keys WHERE subject_id = $1`, [
      erasedCv,
    ]);
    expect(keys).toEqual([]);

    // What stays on the retained topic names neither the recruiter nor the company of a sealed view.
    const raw = await readTopic(kafka, topic);
    const sealedRaw = raw.filter((m) => m.key === erasedCv);
    expect(sealedRaw).toHaveLength(2);
    for (const m of sealedRaw) {
      expect(m.value).not.toContain(RECRUITER);
      expect(m.value).not.toMatch(/Atelier|Durand/);
    }

    app = await startConsumer();
    await eventually(async () => expect(await counters(keptCv)).toBe(4), { timeoutMs: 60_000 });
    const dropped = async () =>
      (await app!.get(MetricsRegistry).counter('cv_views_dropped_total', '', ['reason']).get()).values.find(
        (v) => v.labels.reason === 'subject_erased',
      )?.value;
    await eventually(async () => expect(await dropped()).toBe(2));

    // Replay: every record again, then a batch with duplicates. The counters do not move.
    await produce(kafka, topic, [...ofErased, ...ofKept, oldClear, ofKept[0]!, ofKept[0]!].map(message));
    await eventually(async () => expect(await dropped()).toBe(4), { timeoutMs: 60_000 });
    const witness = await sealCvView(
      producerCipher,
      view(keptCv, 'Mairie de Nantes', '2026-12-02T11:00:00.000Z'),
    );
    await produce(kafka, topic, [message(witness)]);
    await eventually(async () => expect(await counters(keptCv)).toBe(5), { timeoutMs: 60_000 });

    const companies: Array<{ company: string }> = await db.dataSource.query(
      `SELECT company FROM cv_views WHERE cv_id = $1 ORDER BY viewed_at, company`,
      [keptCv],
    );
    expect(companies.map((r) => r.company)).toEqual([
      'Transports Bernard',
      'Boulangerie Martin',
      'Clinique du Parc',
      'Clinique du Parc',
      'Mairie de Nantes',
    ]);
    const erasedRows: unknown[] = await db.dataSource.query(`SELECT 1 FROM cv_views WHERE cv_id = $1`, [
      erasedCv,
    ]);
    expect(erasedRows).toEqual([]);
    const letters = await readTopic(kafka, `${prefix}${deadLetterTopicOf(TOPICS.cvViewed)}`).catch(() => []);
    expect(letters).toEqual([]);
  });
});
