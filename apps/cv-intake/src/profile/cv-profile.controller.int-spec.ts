import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type CvProfileChangedV1, cvProfileChangedV1 } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import { Clock, SystemClock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { CANDIDATE_TOKEN_SECRET, HttpExceptionFilter } from '@vigie/platform';
import { openTestDatabase, TestDatabase, TEST_SECRETS, testCandidateToken } from '@vigie/testing';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { CommuneDirectory } from '../cv-search/commune-directory.port';
import { GazetteerCommuneDirectory } from '../cv-search/gazetteer-commune-directory';
import { PgCvRepository } from '../cvs/pg-cv.repository';
import { CV_INTAKE_MIGRATIONS } from '../migrations/cv-intake-migrations';
import { profileFromText } from '../parsing/free-text-profile';
import { CorrectProfileUseCase, SetCvVisibilityUseCase } from './correct-profile.usecase';
import { CvProfileController } from './cv-profile.controller';
import { CvProfileStore } from './cv-profile.port';
import { PgCvProfileStore } from './pg-cv-profile-store';

const CV_TEXT = `Développeur web
Expérience professionnelle
Développeur chez Acme — janv. 2019 – aujourd'hui
Compétences
PHP, Symfony, MySQL
Langues
Anglais : courant`;

/** PUT /v1/cvs/:id/profile and /visibility over HTTP, on Postgres, with the events in the outbox. */
describe('the candidate’s profile corrections on Postgres', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let cvs: PgCvRepository;
  const communes = new GazetteerCommuneDirectory(loadGazetteer());

  const token = (candidateId: string) => testCandidateToken(candidateId, `${candidateId}@example.org`);
  const put = async (path: string, body: unknown, candidateId = 'cand-1') => {
    const res = await fetch(`${url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token(candidateId)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const announced = async (cvId: string): Promise<CvProfileChangedV1[]> => {
    const rows: Array<{ value: string }> = await db.dataSource.query(
      `SELECT value FROM outbox WHERE topic = $1 AND message_key = $2 ORDER BY id`,
      [cvProfileChangedV1.topic, cvId],
    );
    return rows.map((r) => cvProfileChangedV1.value.parse(JSON.parse(r.value)));
  };
  const parsedCv = async (candidateId = 'cand-1') => {
    const cv = await cvs.create({
      candidateId,
      originalName: 'cv.txt',
      format: 'text',
      mediaType: 'text/plain; charset=utf-8',
      sizeBytes: CV_TEXT.length,
      storageKey: randomUUID(),
      flags: [],
    });
    const parsed = profileFromText(CV_TEXT, new Date('2026-12-01T00:00:00Z'), communes);
    await cvs.recordOutcome(cv.id, { state: 'parsed', flags: [], text: CV_TEXT, parsed }, new Date());
    return cv.id;
  };
  const correction = {
    title: 'Développeur PHP senior',
    skills: ['PHP', 'Symfony', 'Docker'],
    experienceYears: 9,
    languages: [{ code: 'en', level: 'C1' }],
    communeCode: '44109',
    contractTypes: ['cdi'],
    summary: 'Joignable au 06 12 34 56 78.',
  };

  beforeAll(async () => {
    db = await openTestDatabase('cv-profile', CV_INTAKE_MIGRATIONS);
    const outbox = new OutboxWriter(db.schema);
    cvs = new PgCvRepository(db.dataSource, outbox);
    const store = new PgCvProfileStore(db.dataSource, outbox);
    const moduleRef = await Test.createTestingModule({
      controllers: [CvProfileController],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: TEST_SECRETS.CANDIDATE_TOKEN_SECRET },
        { provide: Clock, useValue: new SystemClock() },
        { provide: CommuneDirectory, useValue: communes },
        { provide: CvProfileStore, useValue: store },
        {
          provide: CorrectProfileUseCase,
          useValue: new CorrectProfileUseCase(store, communes, new SystemClock()),
        },
        { provide: SetCvVisibilityUseCase, useValue: new SetCvVisibilityUseCase(store, new SystemClock()) },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new HttpExceptionFilter(pino({ level: 'silent' })));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('stores the candidate’s version, masked, announces it and keeps it over a later parse', async () => {
    const cvId = await parsedCv();
    expect((await cvs.findProfile('cand-1', cvId))?.profile.skills).toEqual(['PHP', 'Symfony', 'MySQL']);

    const res = await put(`/v1/cvs/${cvId}/profile`, {
      ...correction,
      title: 'Développeur \u202ePHP\u202c senior',
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, searchable: true });
    const stored = await cvs.findProfile('cand-1', cvId);
    expect(stored?.profile).toMatchObject({
      title: 'Développeur PHP senior',
      skills: ['PHP', 'Symfony', 'Docker'],
      experienceYears: 9,
      commune: { code: '44109', name: 'Nantes' },
      contractTypes: ['cdi'],
      summary: 'Joignable au [téléphone masqué].',
    });
    expect(stored?.decisions.map((d) => d.step)).toContain('correct');
    const events = await announced(cvId);
    expect(events.map((e) => [e.version, e.status])).toEqual([
      [1, 'searchable'],
      [2, 'searchable'],
    ]);
    expect(events[1]?.profile).toEqual(stored?.profile);

    // The worker parses the CV again (a retried claim): the candidate's version still wins.
    const reparsed = profileFromText(CV_TEXT, new Date(), communes);
    await cvs.recordOutcome(
      cvId,
      { state: 'parsed', flags: [], text: CV_TEXT, parsed: reparsed },
      new Date(),
    );
    expect((await cvs.findProfile('cand-1', cvId))?.profile.skills).toEqual(['PHP', 'Symfony', 'Docker']);
    expect((await announced(cvId)).at(-1)?.profile?.skills).toEqual(['PHP', 'Symfony', 'Docker']);
  });

  it('answers 404 for another candidate’s CV, a guessed id or a malformed one, and changes nothing', async () => {
    const cvId = await parsedCv();

    expect((await put(`/v1/cvs/${cvId}/profile`, correction, 'cand-2')).status).toBe(404);
    expect((await put(`/v1/cvs/${randomUUID()}/profile`, correction)).status).toBe(404);
    expect((await put(`/v1/cvs/not-a-uuid/profile`, correction)).status).toBe(404);
    expect((await put(`/v1/cvs/${cvId}/visibility`, { searchable: false }, 'cand-2')).status).toBe(404);
    expect(await announced(cvId)).toHaveLength(1);
  });

  it('refuses a bad body naming each field, an unknown commune and a smuggled name', async () => {
    const cvId = await parsedCv();

    const bad = await put(`/v1/cvs/${cvId}/profile`, {
      ...correction,
      skills: 'PHP',
      languages: [{ code: 'english', level: 'C7' }],
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.error as { fields: Array<{ field: string }> }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['skills', 'languages[0].code', 'languages[0].level']));

    const smuggled = await put(`/v1/cvs/${cvId}/profile`, { ...correction, name: 'Fatima Benali' });
    expect(smuggled.status).toBe(400);
    // Nothing but format characters is an empty title (J4).
    const invisible = await put(`/v1/cvs/${cvId}/profile`, { ...correction, title: '\u200b\u202e' });
    expect((invisible.body.error as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual(
      ['title'],
    );

    const commune = await put(`/v1/cvs/${cvId}/profile`, { ...correction, communeCode: '99999' });
    expect(commune.status).toBe(400);
    expect((commune.body.error as { fields: unknown[] }).fields).toEqual([
      { field: 'code', reason: 'CV_PROFILE_UNKNOWN_COMMUNE' },
      { field: 'communeCode', reason: 'unknown commune' },
    ]);
    expect(await announced(cvId)).toHaveLength(1);
  });

  it('hides the CV from search and shows it again, announcing each change once', async () => {
    const cvId = await parsedCv();

    expect((await put(`/v1/cvs/${cvId}/visibility`, { searchable: false })).body).toEqual({
      version: 2,
      searchable: false,
    });
    expect((await put(`/v1/cvs/${cvId}/visibility`, { searchable: false })).body).toEqual({
      version: 2,
      searchable: false,
    });
    // A correction of a hidden CV is stored but stays out of search.
    expect((await put(`/v1/cvs/${cvId}/profile`, correction)).body).toMatchObject({ searchable: false });
    expect((await put(`/v1/cvs/${cvId}/visibility`, { searchable: true })).body).toEqual({
      version: 4,
      searchable: true,
    });
    const events = await announced(cvId);
    expect(events.map((e) => e.status)).toEqual(['searchable', 'hidden', 'hidden', 'searchable']);
    expect(events.at(-1)?.profile?.title).toBe('Développeur PHP senior');
    expect((await put(`/v1/cvs/${cvId}/visibility`, { searchable: 'no' })).status).toBe(400);
  });
});
