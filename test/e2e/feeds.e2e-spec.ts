import {
  createStack,
  eventually,
  FeedServer,
  ImportsApi,
  offerInput,
  SmtpCapture,
  Stack,
  startFeedServer,
  testInfra,
  VigieApi,
} from '@vigie/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A recruiter registers an HTTPS feed URL; the service fetches it on schedule with conditional GET. */
describe('scheduled feeds', () => {
  const smtp = new SmtpCapture();
  let stack: Stack;
  let api: VigieApi;
  let db: Client;
  let feedServer: FeedServer;
  let certDir: string;
  const FEED = [1, 2, 3]
    .map((i) => JSON.stringify(offerInput({ externalRef: `FEED-${i}`, title: `Magasinier ${i} (H/F)` })))
    .join('\n');

  beforeAll(async () => {
    feedServer = await startFeedServer((req, res) => {
      if (req.url !== '/feed.jsonl') return void res.writeHead(404).end();
      if (req.headers['if-none-match'] === '"feed-v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/x-ndjson', etag: '"feed-v1"' }).end(FEED);
    });
    // The service trusts the test server's self-signed certificate through Node's own setting.
    certDir = mkdtempSync(join(tmpdir(), 'vigie-feed-ca-'));
    writeFileSync(join(certDir, 'ca.pem'), feedServer.certPem!);
    await smtp.start();
    stack = await createStack('e2e-feeds', smtp.url, {
      FEED_FETCH_ALLOW_LOOPBACK: 'true',
      FEED_SCHEDULER_INTERVAL_MS: '300',
      IMPORT_WORKER_INTERVAL_MS: '200',
      NODE_EXTRA_CA_CERTS: join(certDir, 'ca.pem'),
    });
    const ingestion = stack.services['offer-ingestion'];
    ingestion.start();
    await ingestion.ready();
    api = new VigieApi({ ingestion: ingestion.url, alerts: 'http://127.0.0.1:9' });
    db = new Client({ connectionString: testInfra().databaseUrl });
    await db.connect();
    await db.query(`SET search_path = "${stack.envOf('offer-ingestion').DATABASE_SCHEMA}"`);
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await smtp.stop();
    await feedServer?.close();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('fetches a registered feed at once, imports it, then gets 304 and imports nothing', async () => {
    const key = (await api.createRecruiter('ATS Flux')).body.apiKey;
    const created = await api.registerFeed(key, {
      url: `https://localhost:${feedServer.port}/feed.jsonl`,
      format: 'jsonl',
      mode: 'delta',
      schedule: { every: 1, unit: 'hours' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ format: 'jsonl', mode: 'delta', schedule: { everyMinutes: 60 } });

    const first = await eventually(async () => {
      const feed = await api.getFeed(key, created.body.id);
      expect(feed.body.fetches[0]?.status).toBe('imported');
      return feed.body;
    });
    expect(first.fetches[0]!.importId).toEqual(expect.any(String));
    // The fetched body became an import job; its worker stores the offers.
    const imports = new ImportsApi(stack.services['offer-ingestion'].url);
    await eventually(async () =>
      expect((await imports.get(key, first.fetches[0]!.importId!)).body).toMatchObject({
        status: 'completed',
        mode: 'delta',
        source: { kind: 'feed', feedId: created.body.id },
        counts: { added: 3 },
      }),
    );
    const stored = await db.query(
      `SELECT external_ref FROM offers WHERE external_ref LIKE 'FEED-%' AND status = 'active' ORDER BY 1`,
    );
    expect(stored.rows.map((r: { external_ref: string }) => r.external_ref)).toEqual([
      'FEED-1',
      'FEED-2',
      'FEED-3',
    ]);
    // Next due an hour after the fetch started.
    expect(Date.parse(first.nextFetchAt) - Date.now()).toBeGreaterThan(50 * 60_000);

    expect((await api.fetchFeedNow(key, created.body.id)).status).toBe(202);
    await eventually(async () =>
      expect((await api.getFeed(key, created.body.id)).body.fetches.map((f) => f.status)).toEqual([
        'not-modified',
        'imported',
      ]),
    );
    expect(feedServer.requests.at(-1)!.headers['if-none-match']).toBe('"feed-v1"');
    const versions = await db.query(
      `SELECT max(version)::int AS v FROM offers WHERE external_ref LIKE 'FEED-%'`,
    );
    expect(versions.rows[0].v).toBe(1);
  });

  it.each([
    ['file:///etc/passwd', 'scheme file:'],
    ['gopher://127.0.0.1:70/_x', 'scheme gopher:'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['https://[fd00:ec2::254]/latest/meta-data/', 'uniqueLocal'],
    ['https://10.1.2.3/feed.xml', 'private'],
  ])('A6: refuses to register %s with a 400 naming the url', async (url, reason) => {
    const key = (await api.createRecruiter('ATS A6')).body.apiKey;

    const res = await api.registerFeed(key, { url, schedule: { every: 1, unit: 'hours' } });

    expect(res.status).toBe(400);
    const error = (res.body as unknown as { error: { fields: Array<{ field: string; reason: string }> } })
      .error;
    expect(error.fields[0]).toMatchObject({
      field: 'url',
      reason: expect.stringContaining(reason) as unknown,
    });
  });

  it('refuses a schedule outside its bounds and unknown properties', async () => {
    const key = (await api.createRecruiter('ATS Bornes')).body.apiKey;
    const url = `https://localhost:${feedServer.port}/feed.jsonl`;

    expect((await api.registerFeed(key, { url, schedule: { every: 5, unit: 'minutes' } })).status).toBe(400);
    expect((await api.registerFeed(key, { url, schedule: { every: 200, unit: 'hours' } })).status).toBe(400);
    expect(
      (await api.registerFeed(key, { url, schedule: { every: 1, unit: 'hours' }, recruiterId: 'other' }))
        .status,
    ).toBe(400);
  });

  it("keeps each recruiter to its own feeds: another one's is a 404", async () => {
    const owner = (await api.createRecruiter('ATS Propriétaire')).body.apiKey;
    const other = (await api.createRecruiter('ATS Curieux')).body.apiKey;
    const feed = (
      await api.registerFeed(owner, {
        url: `https://localhost:${feedServer.port}/feed.jsonl`,
        schedule: { every: 6, unit: 'hours' },
      })
    ).body;

    expect((await api.getFeed(other, feed.id)).status).toBe(404);
    expect((await api.fetchFeedNow(other, feed.id)).status).toBe(404);
    expect((await api.deleteFeed(other, feed.id)).status).toBe(404);
    expect((await api.listFeeds(other)).body).toEqual([]);

    expect((await api.deleteFeed(owner, feed.id)).status).toBe(204);
    expect((await api.getFeed(owner, feed.id)).status).toBe(404);
  });
});
