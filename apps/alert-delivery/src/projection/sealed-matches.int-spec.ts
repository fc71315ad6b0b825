import { INestApplication } from '@nestjs/common';
import {
  deadLetterTopicOf,
  envelopeToHeaders,
  MatchCreatedV2,
  matchCreatedV2,
  MatchCreatedV2Record,
  SealedMatchCreatedV2,
  TOPICS,
} from '@vigie/contracts';
import { destroySubjectKeys } from '@vigie/database';
import { Clock, SubjectCipher, SystemClock } from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import {
  eventually,
  goldenFixture,
  openSharedTestKeys,
  openTestDatabase,
  produce,
  readTopic,
  SharedTestKeys,
  startTestConsumer,
  testInfra,
  testKafka,
  TestDatabase,
  uniqueId,
} from '@vigie/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PendingMatches } from './pending-matches.port';
import { PgPendingMatches } from './pg-pending-matches';
import { RecordMatchesUseCase } from './project-changes.usecase';
import { MatchCreatedV2Consumer } from './projection.consumers';
import { ReceiveMatchesUseCase } from './receive-matches.usecase';

const fixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');

/** Delivery's match consumer as the service wires it, on real Kafka and Postgres (shared keys). */
describe('Sealed matches on Kafka and Postgres (crypto-shredding)', () => {
  const infra = testInfra();
  const kafka = testKafka(infra.kafkaBrokers);
  const prefix = `${uniqueId('sealed-matches')}.`;
  const topic = `${prefix}${TOPICS.matchCreatedV2}`;
  let db: TestDatabase;
  let app: INestApplication | undefined;
  let keysTable: string;
  let sealer: SubjectCipher;
  let sealing: SharedTestKeys;
  let reader: SharedTestKeys;

  /** Sealed as alert-matcher seals it (seal-match.ts): candidate and explanation under the candidate's key. */
  const sealedMatch = async (candidateId: string): Promise<SealedMatchCreatedV2> => {
    const {
      candidateId: _,
      explanation,
      ...rest
    } = { ...fixture, matchId: randomUUID(), alertId: randomUUID() };
    return {
      ...rest,
      sealed: await sealer.encrypt(candidateId, JSON.stringify({ candidateId, explanation })),
    };
  };

  const message = (v: MatchCreatedV2Record) => ({
    key: matchCreatedV2.keyOf(v),
    value: JSON.stringify(v),
    headers: envelopeToHeaders({
      eventId: randomUUID(),
      eventType: matchCreatedV2.type,
      schemaVersion: matchCreatedV2.schemaVersion,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${v.matchId}`,
      producer: 'vigie/alert-matcher',
    }),
  });

  const pendingOf = async (candidateId: string): Promise<string[]> => {
    const rows: Array<{ match_id: string }> = await db.dataSource.query(
      `SELECT match_id FROM pending_matches WHERE candidate_id = $1 ORDER BY match_id`,
      [candidateId],
    );
    return rows.map((r) => r.match_id);
  };

  beforeAll(async () => {
    db = await openTestDatabase('sealed_matches', ALERT_DELIVERY_MIGRATIONS);
    // Two processes: the matcher that seals, delivery that opens (each its own store, no shared cache).
    sealing = await openSharedTestKeys(db.dataSource, db.schema);
    reader = await openSharedTestKeys(db.dataSource, db.schema);
    keysTable = sealing.table;
    sealer = sealing.cipher;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(async () => {
    await app?.close();
    await sealing?.drop();
    await db?.drop();
  });

  const startConsumer = (): Promise<INestApplication> =>
    startTestConsumer({
      brokers: infra.kafkaBrokers,
      topicPrefix: prefix,
      clientId: 'sealed-matches-test',
      groupId: 'alert-delivery',
      consumes: [TOPICS.matchCreatedV2],
      controllers: [MatchCreatedV2Consumer],
      providers: [
        { provide: DataSource, useValue: db.dataSource },
        { provide: Clock, useValue: new SystemClock() },
        {
          provide: PendingMatches,
          useFactory: (ds: DataSource) => new PgPendingMatches(ds),
          inject: [DataSource],
        },
        RecordMatchesUseCase,
        { provide: SubjectCipher, useValue: reader.cipher },
        ReceiveMatchesUseCase,
      ],
    });

  it('drops unread a match produced before its candidate’s erasure, records the others, dead-letters nothing', async () => {
    const erasedCandidate = `cand-${randomUUID().slice(0, 8)}`;
    const keptCandidate = `cand-${randomUUID().slice(0, 8)}`;
    const ofErased = await sealedMatch(erasedCandidate);
    const ofKept = await sealedMatch(keptCandidate);
    const oldClear: MatchCreatedV2 = { ...fixture, matchId: randomUUID(), candidateId: keptCandidate };
    await produce(kafka, topic, [ofErased, ofKept, oldClear].map(message));

    // The erasure destroys the candidate's key (alert-matcher does it in its erasure's transaction).
    await db.dataSource.transaction((tx) => destroySubjectKeys(tx, keysTable, [erasedCandidate]));

    // On the retained topic the erased candidate appears nowhere, neither in the key nor the value.
    const raw = (await readTopic(kafka, topic)).filter((m) => m.key === ofErased.sealed.kid);
    expect(raw).toHaveLength(1);
    expect(raw[0]!.value).not.toContain(erasedCandidate);
    expect(raw[0]!.value).not.toContain(fixture.explanation.terms[0]!.term);

    app = await startConsumer();
    await eventually(async () => expect(await pendingOf(keptCandidate)).toHaveLength(2), {
      timeoutMs: 60_000,
    });
    const dropped = async () =>
      (await app!.get(MetricsRegistry).counter('matches_dropped_total', '', ['reason']).get()).values.find(
        (v) => v.labels.reason === 'subject_erased',
      )?.value;
    await eventually(async () => expect(await dropped()).toBe(1));
    expect(await pendingOf(erasedCandidate)).toEqual([]);
    const [row]: Array<{ explanation: unknown }> = await db.dataSource.query(
      `SELECT explanation FROM pending_matches WHERE match_id = $1`,
      [ofKept.matchId],
    );
    expect(row!.explanation).toEqual(fixture.explanation);
    const letters = await readTopic(kafka, `${prefix}${deadLetterTopicOf(TOPICS.matchCreatedV2)}`).catch(
      () => [],
    );
    expect(letters).toEqual([]);
  });
});
