import { createStack, eventually, offerInput, SmtpCapture, Stack, testInfra, VigieApi } from '@vigie/testing';
import { Client } from 'pg';

/** API keys rotate with a grace period, can be disabled, are rate-limited; A1 and A2 of the bad-input catalogue. */
describe('recruiter API keys', () => {
  const smtp = new SmtpCapture();
  let stack: Stack;
  let api: VigieApi;
  let db: Client;
  let url: string;
  const GRACE_MS = 3_000;

  beforeAll(async () => {
    await smtp.start();
    stack = await createStack('e2e-keys', smtp.url, {
      API_KEY_ROTATION_GRACE_MS: String(GRACE_MS),
      API_KEY_RATE_LIMIT_BURST: '5',
      API_KEY_RATE_LIMIT_PER_MINUTE: '120',
    });
    const ingestion = stack.services['offer-ingestion'];
    ingestion.start();
    await ingestion.ready();
    url = ingestion.url;
    api = new VigieApi({ ingestion: url, alerts: 'http://127.0.0.1:9' });
    db = new Client({ connectionString: testInfra().databaseUrl });
    await db.connect();
    await db.query(`SET search_path = "${stack.envOf('offer-ingestion').DATABASE_SCHEMA}"`);
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await smtp.stop();
  });

  it('rotates a key: the new one works at once, the old one until the grace period ends, then 401', async () => {
    const old = (await api.createRecruiter('Recruteur Rotation')).body.apiKey;
    const rotated = await api.rotateApiKey(old);
    expect(rotated.status).toBe(201);
    const fresh = rotated.body.apiKey;
    expect(fresh).not.toBe(old);
    expect(Date.parse(rotated.body.previousKeyValidUntil)).toBeGreaterThan(Date.now());

    expect((await api.publishOffers(fresh, [offerInput({ externalRef: 'ROT-1' })])).status).toBe(200);
    expect((await api.publishOffers(old, [offerInput({ externalRef: 'ROT-2' })])).status).toBe(200);
    // A key in its grace period cannot mint another one.
    expect((await api.rotateApiKey(old)).status).toBe(401);

    await eventually(async () => expect((await api.getOffer(old, crypto.randomUUID())).status).toBe(401), {
      timeoutMs: GRACE_MS + 10_000,
    });
    expect((await api.getOffer(fresh, crypto.randomUUID())).status).toBe(404);
  });

  it('an operator disables an account: every key is refused at once; twice is fine; unknown is 404', async () => {
    const created = (await api.createRecruiter('Recruteur Suspendu')).body;
    const rotated = (await api.rotateApiKey(created.apiKey)).body.apiKey;

    expect((await api.disableRecruiter(created.id)).status).toBe(204);
    expect((await api.disableRecruiter(created.id)).status).toBe(204);
    expect((await api.disableRecruiter('00000000-0000-4000-8000-000000000000')).status).toBe(404);

    expect((await api.publishOffers(created.apiKey, [offerInput()])).status).toBe(401);
    expect((await api.publishOffers(rotated, [offerInput()])).status).toBe(401);
  });

  it('limits each key to its budget: 429 with Retry-After, while another key is unaffected', async () => {
    const busy = (await api.createRecruiter('Recruteur Pressé')).body.apiKey;
    const calm = (await api.createRecruiter('Recruteur Calme')).body.apiKey;
    const responses = [];
    for (let i = 0; i < 8; i++) {
      responses.push(
        await fetch(`${url}/v1/offers/${crypto.randomUUID()}`, { headers: { 'x-api-key': busy } }),
      );
    }
    const limited = responses.filter((r) => r.status === 429);

    expect(responses.slice(0, 5).map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited[0]!.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await api.getOffer(calm, crypto.randomUUID())).status).toBe(404);
  });

  it("A1: recruiter B on A's offer gets 404, no event is written, and the attempt is audited", async () => {
    const a = (await api.createRecruiter('Recruteur A1-A')).body.apiKey;
    const b = (await api.createRecruiter('Recruteur A1-B')).body;
    const offerId = (await api.publishOffers(a, [offerInput({ externalRef: 'A1-1' })])).body.accepted[0]!
      .offerId;

    expect((await api.getOffer(b.apiKey, offerId)).status).toBe(404);
    expect((await api.deleteOffer(b.apiKey, offerId)).status).toBe(404);

    const events = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE message_key = $1`, [offerId]);
    expect(events.rows[0].n).toBe(1);
    expect((await api.getOffer(a, offerId)).body).toMatchObject({ status: 'active', version: 1 });
    const audit = await db.query(
      `SELECT action, resource_type, outcome FROM access_audit WHERE recruiter_id = $1 AND resource_id = $2
       ORDER BY id`,
      [b.id, offerId],
    );
    expect(audit.rows).toEqual([
      { action: 'offer.read', resource_type: 'offer', outcome: 'not_found' },
      { action: 'offer.delete', resource_type: 'offer', outcome: 'not_found' },
    ]);
  });

  it('A2: forbidden properties (organizationId, status, moderation) are refused and nothing is stored', async () => {
    const key = (await api.createRecruiter('Recruteur A2')).body.apiKey;
    const smuggled = await fetch(`${url}/v1/offers/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({
        organizationId: 'B',
        status: 'published',
        moderation: 'ok',
        offers: [offerInput({ externalRef: 'A2-1' })],
      }),
    });
    expect(smuggled.status).toBe(400);
    const body = (await smuggled.json()) as { error: { fields: Array<{ field: string; reason: string }> } };
    expect(JSON.stringify(body.error.fields)).toMatch(/organizationId/);

    const inItem = await api.publishOffers(key, [
      offerInput({ externalRef: 'A2-2', organizationId: 'B', status: 'published', moderation: 'ok' }),
    ]);
    expect(inItem.status).toBe(422);
    expect(inItem.body.accepted).toEqual([]);
    const reasons = JSON.stringify(inItem.body.rejected[0]!.errors);
    for (const field of ['organizationId', 'status', 'moderation']) expect(reasons).toContain(field);
    const stored = await db.query(`SELECT count(*)::int AS n FROM offers WHERE external_ref LIKE 'A2-%'`);
    expect(stored.rows[0].n).toBe(0);
  });
});
