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

/** A French CV rich in protected attributes, with a gender marker in its title. */
const CV_LINES = [
  'Fatima-Zahra Benali',
  'Infirmière de bloc opératoire (H/F)',
  '12 rue des Lilas, 69003 Lyon · +33 6 12 34 56 78 · fatima.benali@example.org',
  'Profil',
  'Fatima-Zahra Benali, née le 12/03/1988, 38 ans, mariée, 2 enfants, nationalité marocaine.',
  'Compétences',
  'Bloc opératoire, Instrumentation, Asepsie',
  'Recherche',
  'CDI, mobilité : Lyon',
];

interface Json {
  [key: string]: unknown;
}

/**
 * cv-intake and alert-matcher as processes: a DOCX is parsed, its suggested alert shown to its
 * owner only, and accepted in one click — several clicks, some at once, make one alert on
 * alert-matcher, with the criteria shown.
 */
describe('suggested alert from a CV (cv-intake → alert-matcher)', () => {
  const id = uniqueId('e2e-cvsug');
  const storageDir = mkdtempSync(join(tmpdir(), 'vigie-cvs-'));
  let matcher: ServiceProcess;
  let cvIntake: ServiceProcess;
  const token = testCandidateToken('cand-fatima', 'fz@example.org');
  const stranger = testCandidateToken('cand-stranger', 'stranger@example.net');

  beforeAll(async () => {
    const common = {
      ...TEST_SECRETS,
      DATABASE_URL: testInfra().databaseUrl,
      KAFKA_BROKERS: testInfra().kafkaBrokers,
      KAFKA_TOPIC_PREFIX: `${id}.`,
    };
    const matcherPort = await freePort();
    matcher = new ServiceProcess(
      'alert-matcher',
      {
        ...common,
        HTTP_PORT: String(matcherPort),
        DATABASE_SCHEMA: `${sqlIdentifier(id)}_matcher`,
        SUBJECT_KEYS_SCHEMA: `${sqlIdentifier(id)}_keys`,
        ALERTS_PUBLIC_URL: `http://127.0.0.1:${matcherPort}`,
      },
      id,
    );
    cvIntake = new ServiceProcess(
      'cv-intake',
      {
        ...common,
        DATABASE_SCHEMA: `${sqlIdentifier(id)}_cv`,
        SUBJECT_KEYS_SCHEMA: `${sqlIdentifier(id)}_keys`,
        SEARCH_URL: testInfra().searchUrl,
        SEARCH_INDEX_PREFIX: `${id}-`,
        HTTP_PORT: String(await freePort()),
        CV_STORAGE_DIR: storageDir,
        CV_PROCESSING_INTERVAL_MS: '100',
        ALERT_MATCHER_URL: `http://127.0.0.1:${matcherPort}`,
      },
      id,
    );
    await Promise.all([matcher.start().ready(), cvIntake.start().ready()]);
  });

  afterAll(async () => {
    await cvIntake?.stop();
    await matcher?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const call = async (service: ServiceProcess, method: string, path: string, as = token) => {
    const res = await fetch(`${service.url}${path}`, { method, headers: { authorization: `Bearer ${as}` } });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('shows the suggestion to its owner only and makes one alert of any number of accepts', async () => {
    const form = new FormData();
    form.append('file', new Blob([docxFile(CV_LINES)]), 'cv.docx');
    const uploaded = await fetch(`${cvIntake.url}/v1/cvs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(uploaded.status).toBe(202);
    const cvId = String(((await uploaded.json()) as Json).id);
    await eventually(async () => {
      expect((await call(cvIntake, 'GET', `/v1/cvs/${cvId}/profile`)).status).toBe(200);
    });

    const suggested = await call(cvIntake, 'GET', `/v1/cvs/${cvId}/suggested-alert`);
    expect(suggested.status).toBe(200);
    const body = suggested.body.body as { criteria: Json };
    expect(body.criteria).toMatchObject({
      q: 'Infirmière bloc opératoire',
      where: { kind: 'commune', communeCode: '69123', radiusKm: 10 },
      contractTypes: ['cdi'],
    });
    const serialised = JSON.stringify(body).toLowerCase();
    for (const p of [...PROTECTED_MARKERS, 'h/f'])
      expect({ leaked: p, found: serialised.includes(p.toLowerCase()) }).toEqual({ leaked: p, found: false });
    expect((await call(cvIntake, 'GET', `/v1/cvs/${cvId}/suggested-alert`, stranger)).status).toBe(404);
    expect((await call(cvIntake, 'POST', `/v1/cvs/${cvId}/suggested-alert/accept`, stranger)).status).toBe(
      404,
    );
    expect((await call(cvIntake, 'GET', `/v1/cvs/not-a-cv/suggested-alert`)).status).toBe(404);

    const accepts = await Promise.all(
      [1, 2, 3].map(() => call(cvIntake, 'POST', `/v1/cvs/${cvId}/suggested-alert/accept`)),
    );
    const later = await call(cvIntake, 'POST', `/v1/cvs/${cvId}/suggested-alert/accept`);
    for (const a of [...accepts, later]) expect(a.status).toBe(200);
    const alertIds = new Set([...accepts, later].map((a) => a.body.id));
    expect(alertIds.size).toBe(1);

    // On alert-matcher: the candidate's one alert, active, with exactly the criteria shown.
    const listed = await fetch(`${matcher.url}/v1/alerts`, { headers: { authorization: `Bearer ${token}` } });
    const alerts = (await listed.json()) as Array<Json>;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: later.body.id, status: 'active', criteria: body.criteria });

    // The decision log tells what was proposed, from which fields, and the acceptance (once).
    const profile = await call(cvIntake, 'GET', `/v1/cvs/${cvId}/profile`);
    const lines = (profile.body.decisions as Array<{ step: string; field: string; action: string }>).filter(
      (d) => d.step === 'suggest',
    );
    expect(lines.map((d) => d.field)).toEqual(['title', 'title', 'commune', 'contractTypes', 'alert']);
    expect(lines.at(-1)!.action).toContain(String(later.body.id));
  });
});
