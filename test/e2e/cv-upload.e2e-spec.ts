import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildZip,
  docxEntries,
  docxFile,
  elfExecutable,
  eventually,
  freePort,
  odtFile,
  pdfFile,
  ServiceProcess,
  sqlIdentifier,
  TEST_SECRETS,
  testCandidateToken,
  testInfra,
  uniqueId,
} from '@vigie/testing';

/** cv-intake as a process: uploads through real multipart, real Postgres and the filesystem storage. */
describe('CV upload (cv-intake)', () => {
  const id = uniqueId('e2e-cv');
  const storageDir = mkdtempSync(join(tmpdir(), 'vigie-cvs-'));
  let service: ServiceProcess;
  let trap: Server;
  let trapHits = 0;
  let trapUrl: string;
  const alice = testCandidateToken('cand-alice', 'alice@example.org');
  const bob = testCandidateToken('cand-bob', 'bob@example.org');

  beforeAll(async () => {
    // Any request reaching this server means the service fetched a URL found in a CV (J3, F3).
    trap = createServer((_req, res) => {
      trapHits += 1;
      res.end('{}');
    });
    const trapPort = await freePort();
    await new Promise<void>((resolve) => trap.listen(trapPort, '127.0.0.1', resolve));
    trapUrl = `http://127.0.0.1:${trapPort}/latest/meta-data/`;
    service = new ServiceProcess(
      'cv-intake',
      {
        ...TEST_SECRETS,
        DATABASE_URL: testInfra().databaseUrl,
        DATABASE_SCHEMA: `${sqlIdentifier(id)}_cv`,
        // The candidates' keys cv-intake shares with alert-matcher and alert-delivery (the stack's).
        SUBJECT_KEYS_SCHEMA: `${sqlIdentifier(id)}_keys`,
        KAFKA_BROKERS: testInfra().kafkaBrokers,
        KAFKA_TOPIC_PREFIX: `${id}.`,
        SEARCH_URL: testInfra().searchUrl,
        SEARCH_INDEX_PREFIX: `${id}-`,
        HTTP_PORT: String(await freePort()),
        CV_STORAGE_DIR: storageDir,
        CV_MAX_BYTES: String(2 * 1_048_576),
        CV_PROCESSING_INTERVAL_MS: '100',
      },
      id,
    );
    await service.start().ready();
  });

  afterAll(async () => {
    await service?.stop();
    await new Promise((resolve) => trap.close(resolve));
    rmSync(storageDir, { recursive: true, force: true });
  });

  async function upload(
    token: string | undefined,
    files: Array<{ bytes: Buffer; name: string; type?: string }>,
  ) {
    const form = new FormData();
    for (const f of files)
      form.append('file', new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name);
    const res = await fetch(`${service.url}/v1/cvs`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function status(token: string, cvId: string) {
    const res = await fetch(`${service.url}/v1/cvs/${cvId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function processed(cvId: string): Promise<Record<string, unknown>> {
    return eventually(async () => {
      const { body } = await status(alice, cvId);
      if (body.state === 'received') throw new Error('still waiting');
      return body;
    });
  }

  it('answers 202, processes in the background, and keeps the original under a random key', async () => {
    const pdf = await pdfFile(['Aide-soignante diplômée d’État', 'EHPAD Les Tilleuls, 2019-2024']);
    const res = await upload(alice, [{ bytes: pdf, name: 'a\r\nb.pdf', type: 'image/png' }]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ format: 'pdf', mediaType: 'application/pdf', originalName: 'ab.pdf' });
    expect(await processed(String(res.body.id))).toMatchObject({ state: 'parsed' });
    const stored = readdirSync(storageDir, { recursive: true }).map(String);
    expect(stored.some((p) => /^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(p))).toBe(true);
    expect(stored.some((p) => p.includes('ab.pdf'))).toBe(false);
  });

  it('decides by content: DOCX and ODT named .txt are read, an ELF named cv.pdf is 415 (F7)', async () => {
    const docx = await upload(alice, [
      { bytes: docxFile(['Chef de rang']), name: 'cv.txt', type: 'text/plain' },
    ]);
    expect(docx).toMatchObject({ status: 202, body: { format: 'docx' } });
    const odt = await upload(alice, [{ bytes: odtFile(['Électricien']), name: 'cv.txt' }]);
    expect(odt).toMatchObject({ status: 202, body: { format: 'odt' } });
    expect(await processed(String(odt.body.id))).toMatchObject({ state: 'parsed' });
    const elf = await upload(alice, [{ bytes: elfExecutable(), name: 'cv.pdf', type: 'application/pdf' }]);
    expect(elf.status).toBe(415);
  });

  it('F8: 0 and 1 byte → 422, over the limit → 413, 20 files → 422 LIMIT_FILE_COUNT', async () => {
    expect((await upload(alice, [{ bytes: Buffer.alloc(0), name: 'e.pdf' }])).status).toBe(422);
    expect((await upload(alice, [{ bytes: Buffer.from('a'), name: 'e.txt' }])).status).toBe(422);
    expect(
      (await upload(alice, [{ bytes: Buffer.alloc(3 * 1_048_576, 0x41), name: 'big.txt' }])).status,
    ).toBe(413);
    const many = await upload(
      alice,
      Array.from({ length: 20 }, (_, i) => ({
        bytes: Buffer.from(`CV numéro ${i} développeur`),
        name: `${i}.txt`,
      })),
    );
    expect(many.status).toBe(422);
    expect(JSON.stringify(many.body)).toContain('LIMIT_FILE_COUNT');
  });

  it('F1/F2: a zip bomb and a DOCX with ../ names are 422, nothing stored', async () => {
    const before = readdirSync(storageDir, { recursive: true }).length;
    const bomb = buildZip(
      docxEntries(['x']).map((e) =>
        e.name === 'word/document.xml' ? { ...e, declaredSize: 4_000_000_000 } : e,
      ),
    );
    expect((await upload(alice, [{ bytes: bomb, name: 'cv.docx' }])).status).toBe(422);
    const climbing = docxFile(['x'], { extraEntries: [{ name: '../../evil.sh', data: 'rm -rf /' }] });
    expect((await upload(alice, [{ bytes: climbing, name: 'cv.docx' }])).status).toBe(422);
    expect(readdirSync(storageDir, { recursive: true }).length).toBe(before);
  });

  it('F9: an encrypted PDF is accepted and ends text_not_extractable', async () => {
    const res = await upload(alice, [
      { bytes: await pdfFile(['x'], { userPassword: 'secret-pw' }), name: 'locked.pdf' },
    ]);
    expect(res.status).toBe(202);
    expect(await processed(String(res.body.id))).toMatchObject({ state: 'text_not_extractable' });
  });

  it('J3/F3: URLs in a JSON Resume image or a DOCX external image are never fetched', async () => {
    const resume = { basics: { label: 'Comptable', image: trapUrl, url: trapUrl }, work: [] };
    const json = await upload(alice, [{ bytes: Buffer.from(JSON.stringify(resume)), name: 'cv.json' }]);
    expect(json).toMatchObject({ status: 202, body: { format: 'json-resume' } });
    const docx = await upload(alice, [
      { bytes: docxFile(['Comptable'], { externalImageUrl: trapUrl, macros: true }), name: 'cv.docx' },
    ]);
    expect(await processed(String(json.body.id))).toMatchObject({ state: 'parsed' });
    expect(await processed(String(docx.body.id))).toMatchObject({
      state: 'parsed',
      flags: ['macros_ignored'],
    });
    expect(trapHits).toBe(0);
  });

  it('J1: a JSON Resume with __proto__ is accepted without effect; an invalid one is 422 naming the field', async () => {
    const hostile = '{"__proto__":{"isAdmin":true},"basics":{"label":"Comptable"}}';
    expect((await upload(alice, [{ bytes: Buffer.from(hostile), name: 'p.json' }])).status).toBe(202);
    const invalid = await upload(alice, [{ bytes: Buffer.from('{"basics":{"email":42}}'), name: 'p.json' }]);
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(invalid.body)).toContain('file.basics.email');
  });

  it('parses a JSON Resume into an anonymised profile with its decision log; nothing protected in it', async () => {
    const resume = {
      basics: {
        name: 'Karim Haddad',
        label: 'Développeur Java',
        email: 'karim.haddad@example.org',
        phone: '+33 6 98 76 54 32',
        summary: 'Karim Haddad, né le 02/05/1990, marié. Contact : karim.haddad@example.org, 06 98 76 54 32.',
        location: { address: '8 avenue Foch', city: 'Lyon', postalCode: '69006' },
      },
      work: [{ position: 'Développeur Java', startDate: '2019-01' }],
      skills: [{ name: 'Java', keywords: ['Spring'] }],
    };
    const res = await upload(alice, [{ bytes: Buffer.from(JSON.stringify(resume)), name: 'karim.json' }]);
    expect(await processed(String(res.body.id))).toMatchObject({ state: 'parsed' });
    const got = await fetch(`${service.url}/v1/cvs/${String(res.body.id)}/profile`, {
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(got.status).toBe(200);
    const body = (await got.json()) as { profile: Record<string, unknown>; decisions: unknown[] };
    expect(body.profile).toMatchObject({ title: 'Développeur Java', skills: ['Java', 'Spring'] });
    expect(body.decisions.length).toBeGreaterThan(0);
    const serialised = JSON.stringify(body.profile).toLowerCase();
    for (const secret of ['karim', 'haddad', 'example.org', '98 76', '1990', 'marié', 'foch']) {
      expect({ secret, found: serialised.includes(secret) }).toEqual({ secret, found: false });
    }
    const other = await fetch(`${service.url}/v1/cvs/${String(res.body.id)}/profile`, {
      headers: { authorization: `Bearer ${bob}` },
    });
    expect(other.status).toBe(404);
  });

  it("A3: 401 without a token, 404 for somebody else's CV or a guessed id", async () => {
    expect(
      (await upload(undefined, [{ bytes: Buffer.from('Développeur Java confirmé'), name: 'a.txt' }])).status,
    ).toBe(401);
    const mine = await upload(alice, [{ bytes: Buffer.from('Développeur Java confirmé'), name: 'a.txt' }]);
    expect((await status(bob, String(mine.body.id))).status).toBe(404);
    expect((await status(alice, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await status(alice, '../../etc/passwd')).status).toBe(404);
    const list = await fetch(`${service.url}/v1/cvs`, { headers: { authorization: `Bearer ${bob}` } });
    expect(await list.json()).toEqual([]);
  });
});
