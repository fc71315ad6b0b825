import { Client } from '@opensearch-project/opensearch';
import {
  createStack,
  CV_RICH_IN_PROTECTED_ATTRIBUTES,
  eventually,
  freePort,
  produce,
  PROTECTED_MARKERS,
  readTopic,
  ServiceProcess,
  sqlIdentifier,
  Stack,
  TEST_SECRETS,
  testCandidateToken,
  testInfra,
  testKafka,
  VigieApi,
} from '@vigie/testing';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SEARCH_QUOTA = 60;

/**
 * offer-ingestion issues the recruiter's key, cv-intake learns it from recruiters.account.changed.v1;
 * a CV rich in protected attributes is uploaded, announced on cvs.profile.changed.v1, indexed and
 * found by a recruiter — and nothing protected is in the event, the index document or the results.
 */
describe('recruiter CV search (offer-ingestion + cv-intake)', () => {
  const storageDir = mkdtempSync(join(tmpdir(), 'vigie-cvs-'));
  let stack: Stack;
  let cvIntake: ServiceProcess;
  let api: VigieApi;
  let search: Client;
  let indexAlias: string;
  const candidate = testCandidateToken('cand-fatima', 'fatima.benali@example.org');

  beforeAll(async () => {
    stack = await createStack('e2e-cvsearch', 'smtp://127.0.0.1:9');
    const ingestion = stack.services['offer-ingestion'];
    ingestion.start();
    indexAlias = `${stack.id}-cvs`;
    cvIntake = new ServiceProcess(
      'cv-intake',
      {
        ...TEST_SECRETS,
        DATABASE_URL: testInfra().databaseUrl,
        DATABASE_SCHEMA: `${sqlIdentifier(stack.id)}_cv`,
        // The candidates' keys cv-intake shares with alert-matcher and alert-delivery (the stack's).
        SUBJECT_KEYS_SCHEMA: `${sqlIdentifier(stack.id)}_keys`,
        KAFKA_BROKERS: testInfra().kafkaBrokers,
        KAFKA_TOPIC_PREFIX: stack.topicPrefix,
        KAFKA_TOPIC_PARTITIONS: '3',
        OUTBOX_POLL_INTERVAL_MS: '200',
        SEARCH_URL: testInfra().searchUrl,
        SEARCH_INDEX_PREFIX: `${stack.id}-`,
        HTTP_PORT: String(await freePort()),
        CV_STORAGE_DIR: storageDir,
        CV_PROCESSING_INTERVAL_MS: '100',
        CV_SEARCH_PER_MINUTE: String(SEARCH_QUOTA),
        // This stack has no alert-matcher nor alert-delivery (test/e2e/cv-privacy.e2e-spec.ts has).
        ERASURE_CONFIRMING_SERVICES: 'cv-intake',
      },
      stack.id,
    );
    cvIntake.start();
    await Promise.all([ingestion.ready(), cvIntake.ready()]);
    api = new VigieApi({ ingestion: ingestion.url, alerts: 'http://127.0.0.1:9' });
    search = new Client({ node: testInfra().searchUrl });
  });

  afterAll(async () => {
    await cvIntake?.stop();
    await stack?.stop();
    await search?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  async function uploadJson(resume: unknown): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(resume)]), 'cv.json');
    const res = await fetch(`${cvIntake.url}/v1/cvs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${candidate}` },
      body: form,
    });
    expect(res.status).toBe(202);
    return String(((await res.json()) as { id: string }).id);
  }

  async function searchCvs(key: string | undefined, query: string) {
    const res = await fetch(`${cvIntake.url}/v1/cv-search?${query}`, {
      headers: key ? { 'x-api-key': key } : {},
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  const hitIds = (body: Record<string, unknown>) =>
    ((body.hits as Array<{ cvId: string }> | undefined) ?? []).map((h) => h.cvId);

  function expectNothingProtected(what: string, text: string) {
    const lower = text.toLowerCase();
    const found = PROTECTED_MARKERS.filter((m) => lower.includes(m.toLowerCase()));
    expect({ what, found }).toEqual({ what, found: [] });
  }

  it('finds the CV by skill, title, commune + radius and experience, with no protected attribute in the event, the index or the results', async () => {
    const key = (await api.createRecruiter('Clinique des Tests')).body.apiKey;
    const cvId = await uploadJson(CV_RICH_IN_PROTECTED_ATTRIBUTES);

    // Indexed (poll the engine, not the API, so the quota is not spent waiting).
    const source = await eventually(
      async () => {
        const res = await search.get({ index: indexAlias, id: cvId });
        return res.body._source as Record<string, unknown>;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    expect(source).toMatchObject({ cvId, state: 'live', title: 'Infirmière de bloc opératoire' });
    expect(source.commune).toMatchObject({ code: '69123', name: 'Lyon' });
    expect(Object.keys(source).sort()).toEqual(
      [
        'commune',
        'contractTypes',
        'cvId',
        'education',
        'experienceYears',
        'geo',
        'indexedAt',
        'languages',
        'pastTitles',
        'skills',
        'state',
        'summary',
        'title',
        'version',
      ].sort(),
    );
    expectNothingProtected('index document', JSON.stringify(source));
    expect(JSON.stringify(source)).not.toContain('cand-fatima');

    const events = (
      await readTopic(testKafka(testInfra().kafkaBrokers), `${stack.topicPrefix}cvs.profile.changed.v1`)
    ).filter((m) => m.key === cvId);
    expect(events.length).toBeGreaterThanOrEqual(1);
    for (const e of events) {
      expectNothingProtected(
        'cvs.profile.changed.v1',
        JSON.stringify({ value: e.value, headers: e.headers }),
      );
      expect(e.value).not.toContain('cand-fatima');
    }

    // The projection of the recruiter's key arrives through Kafka: 401 until then (spends no quota).
    const found = await eventually(
      async () => {
        const res = await searchCvs(key, 'skills=asepsie&commune=69123&radius=10&minExperience=5');
        expect(res.status).toBe(200);
        expect(hitIds(res.body)).toContain(cvId);
        return res;
      },
      { timeoutMs: 30_000, intervalMs: 300 },
    );
    expectNothingProtected('search results', JSON.stringify(found.body));

    // French analysis on titles (accents, case, plural) and each criterion really filters.
    expect(hitIds((await searchCvs(key, 'title=infirmieres%20bloc')).body)).toContain(cvId);
    expect(hitIds((await searchCvs(key, 'skills=asepsie&commune=75056&radius=20')).body)).not.toContain(cvId);
    expect(hitIds((await searchCvs(key, 'skills=asepsie&minExperience=20')).body)).not.toContain(cvId);
    expect(hitIds((await searchCvs(key, 'skills=asepsie,soudure')).body)).not.toContain(cvId);
  });

  it('refuses a missing or unknown key (401), names each bad parameter (400) and enforces the key’s quota (429)', async () => {
    expect((await searchCvs(undefined, 'skills=java')).status).toBe(401);
    expect((await searchCvs('vk_000000000000_' + 'a'.repeat(43), 'skills=java')).status).toBe(401);

    const key = (await api.createRecruiter('Cabinet Quota')).body.apiKey;
    await eventually(async () => expect((await searchCvs(key, 'skills=java')).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 300,
    });

    const bad = await searchCvs(key, 'contract=permanent&size=500&from=3');
    expect(bad.status).toBe(400);
    const errorOf = (body: Record<string, unknown>) =>
      (body.error as { fields: Array<{ field: string; reason: string }> }).fields;
    expect(errorOf(bad.body).map((f) => f.field)).toEqual(expect.arrayContaining(['contract[0]', 'size']));
    expect(JSON.stringify(errorOf(bad.body))).toContain('from');
    const radiusAlone = await searchCvs(key, 'skills=java&radius=10');
    expect(errorOf(radiusAlone.body).map((f) => f.field)).toEqual(['radius']);
    const unknownCommune = await searchCvs(key, 'commune=99999');
    expect(unknownCommune.status).toBe(400);
    expect(JSON.stringify(unknownCommune.body)).toContain('commune');

    let limited: Awaited<ReturnType<typeof searchCvs>> | undefined;
    for (let i = 0; i < SEARCH_QUOTA * 2 && !limited; i++) {
      const res = await searchCvs(key, 'skills=java');
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('stops accepting a key once offer-ingestion disables the account', async () => {
    const created = (await api.createRecruiter('Cabinet Suspendu')).body;
    await eventually(async () => expect((await searchCvs(created.apiKey, 'skills=java')).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 300,
    });
    expect((await api.disableRecruiter(created.id)).status).toBe(204);
    await eventually(async () => expect((await searchCvs(created.apiKey, 'skills=java')).status).toBe(401), {
      timeoutMs: 30_000,
      intervalMs: 500,
    });
  });
  it('counts every opening of a CV exactly once, under client retries and a replay of the topic, and shows the candidate which companies opened it', async () => {
    const key = (await api.createRecruiter('Hôpital Nord')).body.apiKey;
    const cvId = await uploadJson({ ...CV_RICH_IN_PROTECTED_ATTRIBUTES, skills: [{ name: 'Vues exactes' }] });
    const open = async (idempotencyKey?: string) => {
      const res = await fetch(`${cvIntake.url}/v1/cv-search/${cvId}`, {
        headers: { 'x-api-key': key, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      });
      return { status: res.status, body: (await res.json()) as { viewId: string; profile: unknown } };
    };
    const views = async (token = candidate) => {
      const res = await fetch(`${cvIntake.url}/v1/cvs/${cvId}/views`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return {
        status: res.status,
        body: (await res.json()) as {
          days: Array<{ views: number }>;
          viewers: Array<{ company: string; viewedAt: string }>;
        },
      };
    };
    const counted = async () => (await views()).body.days.reduce((n, d) => n + d.views, 0);

    const first = await eventually(
      async () => {
        const res = await open('retry-me');
        expect(res.status).toBe(200);
        return res;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    expectNothingProtected('opened CV', JSON.stringify(first.body));
    expect((await open('retry-me')).body.viewId).toBe(first.body.viewId);
    await open();
    expect(
      (await fetch(`${cvIntake.url}/v1/cv-search/${crypto.randomUUID()}`, { headers: { 'x-api-key': key } }))
        .status,
    ).toBe(404);
    await eventually(async () => expect(await counted()).toBe(2), { timeoutMs: 30_000 });

    // Replay every view message of the topic (same ids, new offsets), then one new opening: once it
    // is counted the replay before it on the same partition (key: the CV) has been consumed too.
    const kafka = testKafka(testInfra().kafkaBrokers);
    const topic = `${stack.topicPrefix}cvs.cv.viewed.v1`;
    const replay = (await readTopic(kafka, topic)).filter((m) => m.key === cvId);
    expect(replay.length).toBeGreaterThanOrEqual(3);
    await produce(
      kafka,
      topic,
      replay.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    );
    await open();
    await eventually(async () => expect(await counted()).toBe(3), { timeoutMs: 30_000 });
    expect(await counted()).toBe(3);

    const page = (await views()).body;
    expect(page.viewers).toHaveLength(3);
    expect(page.viewers.every((v) => v.company === 'Hôpital Nord' && Date.parse(v.viewedAt) > 0)).toBe(true);
    const stranger = testCandidateToken('cand-other', 'x@example.org');
    expect((await views(stranger)).status).toBe(404);
  });
  it('erases everything about a candidate on request — rows, stored file, index document, views, the compacted topic’s profile — and completes the receipt once every service confirmed', async () => {
    const key = (await api.createRecruiter('Cabinet Effacement')).body.apiKey;
    const erased = testCandidateToken('cand-erase-me', 'erase@example.org');
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(CV_RICH_IN_PROTECTED_ATTRIBUTES)]), 'cv.json');
    const uploaded = await fetch(`${cvIntake.url}/v1/cvs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${erased}` },
      body: form,
    });
    const cvId = ((await uploaded.json()) as { id: string }).id;
    await eventually(
      async () => {
        const res = await fetch(`${cvIntake.url}/v1/cv-search/${cvId}`, { headers: { 'x-api-key': key } });
        expect(res.status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    const db = new PgClient({ connectionString: testInfra().databaseUrl });
    await db.connect();
    try {
      const schema = `${sqlIdentifier(stack.id)}_cv`;
      const { rows: stored } = (await db.query(`SELECT storage_key FROM "${schema}".cvs WHERE id = $1`, [
        cvId,
      ])) as { rows: Array<{ storage_key: string }> };
      const storageKey = stored[0]!.storage_key;
      await eventually(async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM "${schema}".cv_views WHERE cv_id = $1`,
          [cvId],
        );
        expect(rows[0].n).toBeGreaterThanOrEqual(1);
      });

      const requested = await fetch(`${cvIntake.url}/v1/erasures`, {
        method: 'POST',
        headers: { authorization: `Bearer ${erased}` },
      });
      expect(requested.status).toBe(202);
      const receipt = (await requested.json()) as { erasureId: string; status: string; services: string[] };
      expect(receipt).toMatchObject({ status: 'pending', services: ['cv-intake'] });
      const receiptOf = async (token: string) =>
        fetch(`${cvIntake.url}/v1/erasures/${receipt.erasureId}`, {
          headers: { authorization: `Bearer ${token}` },
        });
      const complete = await eventually(
        async () => {
          const body = (await (await receiptOf(erased)).json()) as {
            status: string;
            confirmations: Array<{ service: string; erased: Record<string, number> }>;
          };
          expect(body.status).toBe('complete');
          return body;
        },
        { timeoutMs: 60_000, intervalMs: 300 },
      );
      expect(complete.confirmations).toEqual([
        // The CV's key (its view was sealed) went with it; the candidate had no shared key (no CV
        // e-mail nor match sealed for them).
        expect.objectContaining({
          service: 'cv-intake',
          erased: { cvs: 1, files: 1, indexDocuments: 1, keys: 0, cvKeys: 1 },
        }),
      ]);
      expect((await receiptOf(candidate)).status).toBe(404);

      // Postgres: no row of any table mentions the candidate or the CV, but the tombstones and the
      // erasure request on their way out (outbox, pruned by OUTBOX_RETENTION_MS) — the receipt
      // keeps a SHA-256 only.
      const { rows: tables } = (await db.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
        [schema],
      )) as { rows: Array<{ table_name: string }> };
      for (const { table_name: table } of tables) {
        const { rows } = await db.query(
          // The tombstones on their way out (empty value: a key alone) are what erases the topics.
          `SELECT t::text AS row FROM "${schema}"."${table}" t WHERE (t::text ILIKE $1 OR t::text ILIKE $2)` +
            (table === 'outbox' ? ` AND t.value <> ''` : ''),
          ['%cand-erase-me%', `%${cvId}%`],
        );
        // A row's text doubles the quotes of its JSON columns.
        const left = (rows as Array<{ row: string }>)
          .map((r) => r.row.replace(/""/g, '"'))
          .filter((row) => !(table === 'outbox' && row.includes('"candidates.erasure.requested"')));
        expect({ table, left }).toEqual({ table, left: [] });
      }
      // The stored original, the index document and the profile on the compacted topic.
      expect(
        readdirSync(storageDir, { recursive: true })
          .map(String)
          .some((f) => f.endsWith(storageKey.split('/').pop()!)),
      ).toBe(false);
      await eventually(async () => {
        const res = await search.get({ index: indexAlias, id: cvId }, { ignore: [404] });
        expect(res.statusCode).toBe(404);
      });
      await eventually(async () => {
        const messages = (
          await readTopic(testKafka(testInfra().kafkaBrokers), `${stack.topicPrefix}cvs.profile.changed.v1`)
        ).filter((m) => m.key === cvId);
        expect(messages.at(-1)!.value).toBeNull();
      });
      // The views still retained on cvs.cv.viewed.v1 name no recruiter nor company in the clear, and
      // the CV's key that sealed them is gone with the CV (crypto-shredding): no one can open them.
      const viewRecords = (
        await readTopic(testKafka(testInfra().kafkaBrokers), `${stack.topicPrefix}cvs.cv.viewed.v1`)
      ).filter((m) => m.key === cvId);
      expect(viewRecords.length).toBeGreaterThanOrEqual(1);
      for (const m of viewRecords) {
        const value = JSON.parse(m.value!) as Record<string, unknown>;
        expect(Object.keys(value).sort()).toEqual(['cvId', 'viewId', 'viewedAt', 'viewer']);
        expect(m.value).not.toContain('Cabinet Effacement');
      }
      const { rows: keys } = await db.query(`SELECT 1 FROM "${schema}".cv_keys WHERE subject_id = $1`, [
        cvId,
      ]);
      expect(keys).toEqual([]);
      // Within CV_VIEW_CACHE_MS (the replica's cache of opened CVs).
      await eventually(async () =>
        expect(
          (await fetch(`${cvIntake.url}/v1/cv-search/${cvId}`, { headers: { 'x-api-key': key } })).status,
        ).toBe(404),
      );
    } finally {
      await db.end();
    }
  });
});
