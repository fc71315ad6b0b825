import {
  createStack,
  eventually,
  ImportsApi,
  offerInput,
  SmtpCapture,
  Stack,
  testInfra,
  VigieApi,
} from '@vigie/testing';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';

const MAX_BYTES = 1024 * 1024;
const jsonl = (offers: Array<Record<string, unknown>>) =>
  offers.map((o) => JSON.stringify(o)).join('\n') + '\n';

/** A recruiter uploads feeds as import jobs: 202 + Location, status, report, snapshot guard, restart. */
describe('import jobs', () => {
  const smtp = new SmtpCapture();
  let stack: Stack;
  let api: VigieApi;
  let imports: ImportsApi;
  let db: Client;

  const completed = (key: string, id: string, status = 'completed') =>
    eventually(
      async () => {
        const job = await imports.get(key, id);
        expect(job.body.status).toBe(status);
        return job.body;
      },
      { timeoutMs: 60_000 },
    );
  const outboxCount = async (ref: string) =>
    Number(
      (await db.query(`SELECT count(*) AS n FROM outbox WHERE value::jsonb->>'externalRef' LIKE $1`, [ref]))
        .rows[0].n,
    );

  beforeAll(async () => {
    await smtp.start();
    stack = await createStack('e2e-imports', smtp.url, {
      IMPORT_WORKER_INTERVAL_MS: '200',
      IMPORT_BATCH_SIZE: '25',
      IMPORT_LEASE_MS: '3000',
      IMPORT_MAX_BYTES: String(MAX_BYTES),
    });
    const ingestion = stack.services['offer-ingestion'];
    ingestion.start();
    await ingestion.ready();
    api = new VigieApi({ ingestion: ingestion.url, alerts: 'http://127.0.0.1:9' });
    imports = new ImportsApi(ingestion.url);
    db = new Client({ connectionString: testInfra().databaseUrl });
    await db.connect();
    await db.query(`SET search_path = "${stack.envOf('offer-ingestion').DATABASE_SCHEMA}"`);
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await smtp.stop();
  });

  it('answers 202 with a Location, runs the job, and reports each item in JSON and in neutralised CSV', async () => {
    const key = (await api.createRecruiter('ATS Import')).body.apiKey;
    const feed = jsonl([
      offerInput({ externalRef: 'IMP-1', title: 'Magasinier (H/F)' }),
      offerInput({ externalRef: '=HYPERLINK("http://evil")', title: 'Cariste (H/F)' }),
      offerInput({ externalRef: 'IMP-3', title: '' }),
    ]);

    const res = await imports.upload(key, gzipSync(feed), {
      contentType: 'application/x-ndjson',
      contentEncoding: 'gzip',
      mode: 'delta',
    });

    expect(res.status).toBe(202);
    expect(res.location).toBe(`/v1/imports/${res.body.id}`);
    const job = await completed(key, res.body.id);
    expect(job).toMatchObject({
      format: 'jsonl',
      mode: 'delta',
      progress: { itemsRead: 3, bytesTotal: Buffer.byteLength(feed), bytesRead: Buffer.byteLength(feed) },
      counts: { added: 2, updated: 0, unchanged: 0, expired: 0, rejected: 1 },
    });

    const report = await imports.report(key, res.body.id, '?limit=2');
    expect(report.body.rows.map((r) => [r.position, r.outcome])).toEqual([
      [1, 'added'],
      [2, 'added'],
    ]);
    const rest = await imports.report(key, res.body.id, report.body.next!.replace(/^[^?]*/, ''));
    expect(rest.body.rows).toEqual([
      expect.objectContaining({
        position: 3,
        externalRef: 'IMP-3',
        outcome: 'rejected',
        reasonCode: 'INVALID',
      }),
    ]);
    expect(rest.body.rows[0]!.fieldErrors[0]!.field).toBe('title');
    expect(rest.body.next).toBeNull();

    const csv = await imports.reportCsv(key, res.body.id);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('position,externalRef,outcome,reasonCode,fieldErrors,offerId');
    expect(lines[2]).toMatch(/^2,"'=HYPERLINK\(""http:\/\/evil""\)",added,,,[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(4);
  });

  it('imports a schema.org JobPosting JSON-LD document (@graph) sent as application/ld+json', async () => {
    const key = (await api.createRecruiter('ATS JSON-LD')).body.apiKey;
    const posting = (ref: string, employmentType: string[]) => ({
      '@type': 'JobPosting',
      identifier: { '@type': 'PropertyValue', value: ref },
      title: 'Conducteur poids lourd (H/F)',
      description: 'Tournées régionales, retour au domicile chaque soir.',
      employmentType,
      jobLocation: {
        '@type': 'Place',
        address: { '@type': 'PostalAddress', addressLocality: 'Bordeaux', postalCode: '33000' },
      },
      baseSalary: {
        '@type': 'MonetaryAmount',
        currency: 'EUR',
        value: { '@type': 'QuantitativeValue', minValue: 2300, maxValue: 2600, unitText: 'MONTH' },
      },
    });
    const feed = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Transports Garonne' },
        posting('LD-1', ['FULL_TIME', 'CDI']),
        // No contract among the employment types: rejected naming contractType, never guessed.
        posting('LD-2', ['FULL_TIME']),
      ],
    });

    const res = await imports.upload(key, gzipSync(feed), {
      contentType: 'application/ld+json',
      contentEncoding: 'gzip',
      mode: 'delta',
    });

    expect(res.status).toBe(202);
    const job = await completed(key, res.body.id);
    expect(job).toMatchObject({ format: 'jsonld', counts: { added: 1, rejected: 1 } });
    const rows = (await imports.report(key, res.body.id)).body.rows;
    expect(rows.map((r) => [r.position, r.externalRef, r.outcome])).toEqual([
      [1, 'LD-1', 'added'],
      [2, 'LD-2', 'rejected'],
    ]);
    expect(rows[1]!.fieldErrors[0]!.field).toBe('contractType');
    const offer = await api.getOffer(key, rows[0]!.offerId!);
    expect(offer.body).toMatchObject({
      externalRef: 'LD-1',
      content: {
        contract: { type: 'cdi' },
        place: { label: 'Bordeaux', postalCode: '33000' },
        salary: { minAnnualEur: 27_600, maxAnnualEur: 31_200 },
      },
    });
  });

  it('A1: another recruiter’s import is a 404 on every route, and the attempt is audited', async () => {
    const owner = (await api.createRecruiter('ATS Owner')).body.apiKey;
    const other = (await api.createRecruiter('ATS Other')).body;
    const res = await imports.upload(owner, jsonl([offerInput({ externalRef: 'A1-1' })]), {
      contentType: 'application/x-ndjson',
    });
    await completed(owner, res.body.id);

    expect((await imports.get(other.apiKey, res.body.id)).status).toBe(404);
    expect((await imports.report(other.apiKey, res.body.id)).status).toBe(404);
    expect((await imports.reportCsv(other.apiKey, res.body.id)).status).toBe(404);
    expect((await imports.confirmExpiry(other.apiKey, res.body.id)).status).toBe(404);
    expect((await imports.get(other.apiKey, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const audited = await db.query(
      `SELECT count(*)::int AS n FROM access_audit WHERE resource_type = 'import' AND resource_id = $1`,
      [res.body.id],
    );
    expect(audited.rows[0].n).toBe(4);
  });

  it('refuses a type it does not accept with a 415 naming the accepted ones, and a body past the limit once decompressed with a 413', async () => {
    const key = (await api.createRecruiter('ATS Refused')).body.apiKey;

    const wrongType = await imports.upload(key, 'a,b\n1,2\n', { contentType: 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error!.message).toContain('application/x-ndjson');

    const line = JSON.stringify(offerInput({ externalRef: 'BOMB' })) + '\n';
    const bomb = gzipSync(line.repeat(Math.ceil((MAX_BYTES * 2) / line.length)));
    expect(bomb.length).toBeLessThan(MAX_BYTES / 4);
    const tooLarge = await imports.upload(key, bomb, {
      contentType: 'application/x-ndjson',
      contentEncoding: 'gzip',
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error!.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('holds a snapshot that would expire too many offers until the recruiter confirms', async () => {
    const key = (await api.createRecruiter('ATS Snapshot')).body.apiKey;
    const offers = Array.from({ length: 10 }, (_, i) => offerInput({ externalRef: `SNAP-${i}` }));
    await completed(
      key,
      (await imports.upload(key, jsonl(offers), { contentType: 'application/x-ndjson' })).body.id,
    );

    const snapshot = await imports.upload(key, jsonl(offers.slice(0, 5)), {
      contentType: 'application/x-ndjson',
      mode: 'snapshot',
    });
    const held = await completed(key, snapshot.body.id, 'held');
    expect(held.hold).toMatchObject({ reason: 'EXPIRY_SHARE_EXCEEDED', wouldExpire: 5, liveOffers: 10 });

    expect((await imports.confirmExpiry(key, snapshot.body.id)).status).toBe(202);
    const done = await completed(key, snapshot.body.id);
    expect(done.counts).toMatchObject({ unchanged: 5, expired: 5 });
    expect((await imports.confirmExpiry(key, snapshot.body.id)).status).toBe(409);
    const expired = await db.query(
      `SELECT count(*)::int AS n FROM offers WHERE external_ref LIKE 'SNAP-%' AND status = 'expired'`,
    );
    expect(expired.rows[0].n).toBe(5);
  });

  it('a job interrupted by a crash of the service resumes after the restart: every offer stored and announced once', async () => {
    const key = (await api.createRecruiter('ATS Crash')).body.apiKey;
    const refs = Array.from({ length: 600 }, (_, i) => `CRASH-${i}`);
    const feed = jsonl(
      refs.map((externalRef) => offerInput({ externalRef, title: `Soudeur ${externalRef} (H/F)` })),
    );
    const res = await imports.upload(key, feed, { contentType: 'application/x-ndjson' });
    expect(res.status).toBe(202);
    const ingestion = stack.services['offer-ingestion'];
    await eventually(
      async () => expect((await imports.get(key, res.body.id)).body.progress.itemsRead).toBeGreaterThan(0),
      { timeoutMs: 30_000, intervalMs: 20 },
    );

    await ingestion.kill();
    const before = (await db.query(`SELECT items_read, status FROM import_jobs WHERE id = $1`, [res.body.id]))
      .rows[0];
    ingestion.start();
    await ingestion.ready();

    const job = await completed(key, res.body.id);
    expect(job.progress.itemsRead).toBe(600);
    expect(job.counts).toMatchObject({ added: 600, rejected: 0 });
    expect(before.items_read).toBeLessThan(600);
    const attempts = (await db.query(`SELECT attempts FROM import_jobs WHERE id = $1`, [res.body.id]))
      .rows[0];
    expect(attempts.attempts).toBe(2);
    expect(await outboxCount('CRASH-%')).toBe(600);
    const distinct = await db.query(
      `SELECT count(DISTINCT value::jsonb->>'externalRef')::int AS n FROM outbox WHERE value::jsonb->>'externalRef' LIKE 'CRASH-%'`,
    );
    expect(distinct.rows[0].n).toBe(600);
  });
});
