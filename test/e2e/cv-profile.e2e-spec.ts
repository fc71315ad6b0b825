import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docxFile,
  eventually,
  freePort,
  PROTECTED_MARKERS,
  ServiceProcess,
  sqlIdentifier,
  TEST_SECRETS,
  testCandidateToken,
  testInfra,
  uniqueId,
} from '@vigie/testing';

/** A French CV rich in protected attributes, as its author would type it in Word. */
const CV_LINES = [
  'Fatima-Zahra Benali',
  'Infirmière de bloc opératoire',
  '12 rue des Lilas, 69003 Lyon · +33 6 12 34 56 78 · fatima.benali@example.org',
  'Profil',
  'Fatima-Zahra Benali, née le 12/03/1988, 38 ans, mariée, 2 enfants, nationalité marocaine.',
  'Expérience professionnelle',
  'Infirmière de bloc — CHU de Lyon, janv. 2018 – déc. 2022',
  "juin 2022 – aujourd'hui : Infirmière chez Clinique du Parc",
  'Formation',
  'Diplôme d’État en Soins infirmiers — IFSI Lyon, 2006 – 2009',
  'Compétences',
  'Bloc opératoire, Instrumentation, Asepsie',
  'Langues',
  'Français : langue maternelle ; Anglais : B2',
  'Recherche',
  'CDI, mobilité : Lyon',
];

/**
 * cv-intake as a process: a DOCX is parsed into its anonymised profile, the candidate corrects it
 * and hides it, and the `cvs` index follows each change through cvs.profile.changed.v1.
 */
describe('CV profile: free-text parsing and corrections (cv-intake)', () => {
  const id = uniqueId('e2e-cvp');
  const storageDir = mkdtempSync(join(tmpdir(), 'vigie-cvs-'));
  let service: ServiceProcess;
  const alice = testCandidateToken('cand-alice', 'alice@example.org');

  beforeAll(async () => {
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
        CV_PROCESSING_INTERVAL_MS: '100',
      },
      id,
    );
    await service.start().ready();
  });

  afterAll(async () => {
    await service?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${alice}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const indexed = async (cvId: string) => {
    const res = await fetch(`${testInfra().searchUrl}/${id}-cvs/_doc/${cvId}`);
    return (await res.json()) as { found: boolean; _version?: number; _source?: Record<string, unknown> };
  };

  it('parses a DOCX into its profile, takes the candidate’s correction, hides it, and the index follows', async () => {
    const form = new FormData();
    form.append('file', new Blob([docxFile(CV_LINES)]), 'cv.docx');
    const uploaded = await fetch(`${service.url}/v1/cvs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}` },
      body: form,
    });
    expect(uploaded.status).toBe(202);
    const cvId = String(((await uploaded.json()) as { id: string }).id);

    const parsed = await eventually(async () => {
      const got = await call('GET', `/v1/cvs/${cvId}/profile`);
      if (got.status !== 200) throw new Error(`profile not ready (${got.status})`);
      return got.body as { profile: Record<string, unknown> };
    });
    expect(parsed.profile).toMatchObject({
      title: 'Infirmière de bloc opératoire',
      skills: ['Bloc opératoire', 'Instrumentation', 'Asepsie'],
      commune: { code: '69123' },
      contractTypes: ['cdi'],
    });
    const first = await eventually(async () => {
      const doc = await indexed(cvId);
      if (!doc.found) throw new Error('not indexed yet');
      return doc;
    });
    const serialised = JSON.stringify({ parsed, first }).toLowerCase();
    for (const p of PROTECTED_MARKERS)
      expect({ leaked: p, found: serialised.includes(p.toLowerCase()) }).toEqual({ leaked: p, found: false });

    const put = await call('PUT', `/v1/cvs/${cvId}/profile`, {
      title: 'Infirmière de bloc (IBODE)',
      skills: ['Bloc opératoire', 'Instrumentation', 'Asepsie', 'Chirurgie orthopédique'],
      experienceYears: 9,
      languages: [{ code: 'en', level: 'B2' }],
      communeCode: '69266',
      contractTypes: ['cdi', 'cdd'],
    });
    expect(put.status).toBe(200);
    await eventually(async () => {
      const doc = await indexed(cvId);
      if (doc._source?.title !== 'Infirmière de bloc (IBODE)') throw new Error('correction not indexed yet');
      expect(doc._source).toMatchObject({
        commune: { code: '69266', name: 'Villeurbanne' },
        experienceYears: 9,
      });
    });

    expect((await call('PUT', `/v1/cvs/${cvId}/visibility`, { searchable: false })).status).toBe(200);
    await eventually(async () => {
      const doc = await indexed(cvId);
      if (doc._source?.state !== 'gone') throw new Error('not hidden yet');
      expect(doc._source.title).toBeUndefined();
    });
  });
});
