import { TOPICS } from '@vigie/contracts';
import {
  CV_RICH_IN_PROTECTED_ATTRIBUTES,
  eventually,
  freePort,
  offerInput,
  produce,
  readTopic,
  ServiceProcess,
  sqlIdentifier,
  TEST_SECRETS,
  testInfra,
  useRunningStack,
} from '@vigie/testing';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';

interface Receipt {
  erasureId: string;
  status: string;
  services: string[];
  confirmations: Array<{ service: string; confirmedAt: string; erased: Record<string, number> }>;
}

const CANDIDATE = 'cand-erasure-e2e';
const EMAIL = 'romane.efface@example.org';

/**
 * A recruiter sees a candidate's contact details only once the candidate accepted their request.
 * A candidate with a CV, an alert and a sent e-mail asks to be forgotten: cv-intake, alert-matcher
 * and alert-delivery each erase their stores and confirm, and the receipt completes. Afterwards no
 * row of any of their schemas mentions the candidate or the address, the alert's last record on
 * the compacted topic is a tombstone, and a replayed request changes nothing.
 */
describe('candidate privacy: consented contact, and erasure across cv-intake, alert-matcher and alert-delivery', () => {
  const env = useRunningStack('e2e-erasure');
  const storageDir = mkdtempSync(join(tmpdir(), 'vigie-erasure-'));
  let cvIntake: ServiceProcess;
  let db: PgClient;

  beforeAll(async () => {
    cvIntake = new ServiceProcess(
      'cv-intake',
      {
        ...TEST_SECRETS,
        DATABASE_URL: testInfra().databaseUrl,
        DATABASE_SCHEMA: `${sqlIdentifier(env.stack.id)}_cv`,
        // The candidates' keys cv-intake shares with alert-matcher and alert-delivery (the stack's).
        SUBJECT_KEYS_SCHEMA: `${sqlIdentifier(env.stack.id)}_keys`,
        KAFKA_BROKERS: testInfra().kafkaBrokers,
        KAFKA_TOPIC_PREFIX: env.stack.topicPrefix,
        KAFKA_TOPIC_PARTITIONS: '3',
        OUTBOX_POLL_INTERVAL_MS: '200',
        SEARCH_URL: testInfra().searchUrl,
        SEARCH_INDEX_PREFIX: `${env.stack.id}-`,
        HTTP_PORT: String(await freePort()),
        CV_STORAGE_DIR: storageDir,
        CV_PROCESSING_INTERVAL_MS: '100',
      },
      env.stack.id,
    );
    cvIntake.start();
    await cvIntake.ready();
    db = new PgClient({ connectionString: testInfra().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await cvIntake?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  /** Rows of any table of a service's schema whose text mentions the candidate or the address. */
  async function rowsAbout(service: 'cv' | 'matcher' | 'delivery'): Promise<string[]> {
    const schema = `${sqlIdentifier(env.stack.id)}_${service}`;
    const { rows: tables } = (await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [schema],
    )) as { rows: Array<{ table_name: string }> };
    const left: string[] = [];
    for (const { table_name: table } of tables) {
      const { rows } = (await db.query(
        `SELECT t::text AS row FROM "${schema}"."${table}" t WHERE t::text ILIKE $1 OR t::text ILIKE $2`,
        [`%${CANDIDATE}%`, `%${EMAIL}%`],
      )) as { rows: Array<{ row: string }> };
      left.push(...rows.map((r) => `${table}: ${r.row}`));
    }
    return left;
  }

  it('reveals the contact details a candidate gives to the recruiter who asked, and to nobody else', async () => {
    const token = env.api.candidateToken('cand-contact-e2e', 'leo.contact@example.org');
    const asking = (await env.api.createRecruiter('Cabinet Contact')).body.apiKey;
    const other = (await env.api.createRecruiter('Cabinet Curieux')).body.apiKey;
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(CV_RICH_IN_PROTECTED_ATTRIBUTES)]), 'cv.json');
    const cvId = (
      (await (
        await fetch(`${cvIntake.url}/v1/cvs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        })
      ).json()) as { id: string }
    ).id;
    const openCv = async (key: string) => {
      const res = await fetch(`${cvIntake.url}/v1/cv-search/${cvId}`, { headers: { 'x-api-key': key } });
      return { status: res.status, body: (await res.json()) as { contact?: unknown; profile?: unknown } };
    };
    // Searchable once parsed and the recruiters' keys projected into cv-intake.
    await eventually(async () => expect((await openCv(asking)).status).toBe(200), { timeoutMs: 60_000 });
    await eventually(async () => expect((await openCv(other)).status).toBe(200), { timeoutMs: 60_000 });
    const ask = (key: string) =>
      fetch(`${cvIntake.url}/v1/cv-search/${cvId}/contact-request`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Poste en bloc opératoire, CDI.' }),
      });
    const asked = await ask(asking);
    expect(asked.status).toBe(201);
    const request = (await asked.json()) as { requestId: string; contact: unknown };
    expect(request.contact).toBeNull();
    expect((await ask(asking)).status).toBe(200);
    expect((await openCv(asking)).body.contact).toBeNull();
    // alert-delivery tells the candidate, at the verified address of their token (announced by
    // cv-intake when they uploaded), once for the two asks.
    const told = async () => env.smtp.to('leo.contact@example.org');
    await eventually(async () => expect(await told()).toHaveLength(1), { timeoutMs: 60_000 });
    const [mail] = await told();
    expect(mail!.subject).toBe('Cabinet Contact souhaite vous contacter');
    expect(mail!.text).toContain('Poste en bloc opératoire, CDI.');
    expect(mail!.text).toContain(`/cv/contacts/${request.requestId}`);
    expect(mail!.header('List-Unsubscribe')).toMatch(/\/c\/cv-emails\/unsubscribe\?t=/);

    const requests = (await (
      await fetch(`${cvIntake.url}/v1/contact-requests`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Array<{ requestId: string; company: string }>;
    expect(requests).toEqual([
      expect.objectContaining({ requestId: request.requestId, company: 'Cabinet Contact' }),
    ]);
    const stranger = env.api.candidateToken('cand-stranger-e2e', 'stranger@example.org');
    const answer = (who: string, verb: 'accept' | 'decline', body: unknown = {}) =>
      fetch(`${cvIntake.url}/v1/contact-requests/${request.requestId}/${verb}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${who}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await answer(stranger, 'accept')).status).toBe(404);
    expect((await answer(token, 'accept', { phone: '06 12 34 56 78', name: 'Léo' })).status).toBe(200);

    const contact = { email: 'leo.contact@example.org', name: 'Léo', phone: '06 12 34 56 78' };
    // The request shows it at once; the opening of the CV within CV_VIEW_CACHE_MS.
    expect(
      await (
        await fetch(`${cvIntake.url}/v1/cv-search/${cvId}/contact-request`, {
          headers: { 'x-api-key': asking },
        })
      ).json(),
    ).toMatchObject({ status: 'accepted', contact });
    await eventually(async () => expect((await openCv(asking)).body.contact).toEqual(contact));
    expect((await openCv(other)).body.contact).toBeNull();
    const otherStatus = await fetch(`${cvIntake.url}/v1/cv-search/${cvId}/contact-request`, {
      headers: { 'x-api-key': other },
    });
    expect(otherStatus.status).toBe(404);
    expect((await answer(token, 'decline')).status).toBe(200);
    await eventually(async () => expect((await openCv(asking)).body.contact).toBeNull());
    expect(await told()).toHaveLength(1);
  });

  it('erases every store, completes the receipt with the three services, and treats a replay as a no-op', async () => {
    const token = env.api.candidateToken(CANDIDATE, EMAIL);
    const alert = await env.api.createAlert(token, {
      keywords: ['Rust'],
      place: { label: 'Lyon', communeCode: '69123', latitude: 45.764, longitude: 4.8357, radiusKm: 20 },
      contractTypes: ['cdi'],
    });
    expect(alert.status).toBe(201);
    const alertId = alert.body.id;
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(CV_RICH_IN_PROTECTED_ATTRIBUTES)]), 'cv.json');
    const uploaded = await fetch(`${cvIntake.url}/v1/cvs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(uploaded.status).toBe(202);
    const cvId = ((await uploaded.json()) as { id: string }).id;

    const recruiter = await env.api.createRecruiter('Fonderie Effacement');
    const published = await env.api.publishOffers(recruiter.body.apiKey, [
      offerInput({ externalRef: 'ERASE-1', title: 'Développeur Rust (H/F)' }),
    ]);
    expect(published.body.accepted).toHaveLength(1);
    await eventually(() => expect(env.smtp.to(EMAIL)).toHaveLength(1), { timeoutMs: 90_000 });
    await eventually(
      async () => {
        const cv = (await (
          await fetch(`${cvIntake.url}/v1/cvs/${cvId}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as { state: string };
        expect(cv.state).toBe('parsed');
      },
      { timeoutMs: 60_000 },
    );
    for (const service of ['cv', 'matcher', 'delivery'] as const) {
      expect((await rowsAbout(service)).length).toBeGreaterThan(0);
    }
    const { rows: stored } = (await db.query(
      `SELECT storage_key FROM "${sqlIdentifier(env.stack.id)}_cv".cvs WHERE id = $1`,
      [cvId],
    )) as { rows: Array<{ storage_key: string }> };
    const storageKey = stored[0]!.storage_key;
    // The CV's own key exists once a recruiter's view of it was sealed: the receipt counts what it destroyed.
    const { rows: cvKeyRows } = (await db.query(
      `SELECT count(*)::int AS n FROM "${sqlIdentifier(env.stack.id)}_cv".cv_keys WHERE subject_id = $1`,
      [cvId],
    )) as { rows: Array<{ n: number }> };

    const requested = await fetch(`${cvIntake.url}/v1/erasures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(requested.status).toBe(202);
    const pending = (await requested.json()) as Receipt;
    expect(pending).toMatchObject({
      status: 'pending',
      services: ['cv-intake', 'alert-matcher', 'alert-delivery'],
    });
    const receiptNow = async () =>
      (await (
        await fetch(`${cvIntake.url}/v1/erasures/${pending.erasureId}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as Receipt;
    const complete = await eventually(
      async () => {
        const receipt = await receiptNow();
        expect(receipt.status).toBe('complete');
        return receipt;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    const byService = Object.fromEntries(complete.confirmations.map((c) => [c.service, c.erased]));
    expect(byService['cv-intake']).toMatchObject({
      cvs: 1,
      files: 1,
      indexDocuments: 1,
      cvKeys: cvKeyRows[0]!.n,
    });
    expect(byService['alert-matcher']).toMatchObject({ alerts: 1, matches: 1 });
    // The candidate's shared key (their contact request, their matches) was destroyed once, by
    // whichever of the two erasures committed first.
    expect(byService['cv-intake']!.keys! + byService['alert-matcher']!.keys!).toBe(1);
    expect(byService['alert-delivery']).toMatchObject({ alerts: 1, emails: 1, sentOffers: 1 });

    // Every store: nothing left about the candidate (cv-intake's outbox keeps the request and the
    // address tombstone on their way out, pruned by OUTBOX_RETENTION_MS; the receipt holds a
    // SHA-256 only).
    const onTheirWayOut = [TOPICS.erasureRequested, TOPICS.candidateNotificationAddressChanged];
    expect(
      (await rowsAbout('cv')).filter(
        (r) => !r.startsWith('outbox: ') || !onTheirWayOut.some((t) => r.includes(t)),
      ),
    ).toEqual([]);
    expect((await rowsAbout('cv')).join('\n')).not.toContain(EMAIL);
    expect(await rowsAbout('matcher')).toEqual([]);
    // The tombstone reaches delivery's projection too; the erasure already emptied it.
    expect(await rowsAbout('delivery')).toEqual([]);
    expect(
      readdirSync(storageDir, { recursive: true })
        .map(String)
        .some((f) => f.endsWith(storageKey.split('/').pop()!)),
    ).toBe(false);
    // The compacted topic: the alert's last record is a tombstone, so compaction drops the address.
    await eventually(async () => {
      const records = (await readTopic(env.kafka, env.topic(TOPICS.alertChanged))).filter(
        (m) => m.key === alertId,
      );
      expect(records.at(-1)?.value).toBeNull();
    });
    // The candidate's notification address too: its last record is the erasure's tombstone.
    await eventually(async () => {
      const records = (
        await readTopic(env.kafka, env.topic(TOPICS.candidateNotificationAddressChanged))
      ).filter((m) => m.key === CANDIDATE);
      expect(records.length).toBeGreaterThan(1);
      expect(records.at(-1)?.value).toBeNull();
    });
    const alertsPage = await fetch(`${env.stack.services['alert-matcher'].url}/v1/alerts`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await alertsPage.json()).toEqual([]);

    // A replayed request (Kafka is at-least-once): each service confirms again with nothing left,
    // and the receipt keeps its first confirmations.
    const request = (await readTopic(env.kafka, env.topic(TOPICS.erasureRequested))).find((m) =>
      m.value?.includes(pending.erasureId),
    )!;
    await produce(env.kafka, env.topic(TOPICS.erasureRequested), [
      { key: request.key, value: request.value, headers: request.headers },
    ]);
    const replayed = await eventually(
      async () => {
        const confirmations = (await readTopic(env.kafka, env.topic(TOPICS.erasureConfirmed)))
          .map((m) => JSON.parse(m.value!) as Receipt['confirmations'][number] & { erasureId: string })
          .filter((c) => c.erasureId === pending.erasureId);
        expect(confirmations).toHaveLength(6);
        return confirmations;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    for (const service of ['cv-intake', 'alert-matcher', 'alert-delivery']) {
      const again = replayed.filter((c) => c.service === service).at(-1)!;
      expect({ service, counts: Object.values(again.erased).filter((n) => n > 0) }).toEqual({
        service,
        counts: [],
      });
    }
    expect(await receiptNow()).toEqual(complete);
    for (const service of ['matcher', 'delivery'] as const) expect(await rowsAbout(service)).toEqual([]);

    // Never mailed again: a new offer the erased alert would have matched reaches another
    // candidate's identical alert, and nothing more reaches the erased address.
    const control = 'control.alerte@example.org';
    expect(
      (
        await env.api.createAlert(env.api.candidateToken('cand-control-e2e', control), {
          keywords: ['Rust'],
          place: { label: 'Lyon', communeCode: '69123', latitude: 45.764, longitude: 4.8357, radiusKm: 20 },
          contractTypes: ['cdi'],
        })
      ).status,
    ).toBe(201);
    await env.api.publishOffers(recruiter.body.apiKey, [
      offerInput({ externalRef: 'ERASE-2', title: 'Ingénieur Rust embarqué (H/F)' }),
    ]);
    await eventually(() => expect(env.smtp.to(control)).toHaveLength(1), { timeoutMs: 90_000 });
    expect(env.smtp.to(EMAIL)).toHaveLength(1);
    const { rows: matched } = (await db.query(
      `SELECT count(*)::int AS n FROM "${sqlIdentifier(env.stack.id)}_matcher".matches WHERE alert_id = $1`,
      [alertId],
    )) as { rows: Array<{ n: number }> };
    expect(matched[0]!.n).toBe(0);
  });
});
