import { CvProfileChangedV1, TOPICS } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import {
  goldenFixture,
  openSharedTestKeys,
  openTestDatabase,
  SharedTestKeys,
  TestDatabase,
} from '@vigie/testing';
import { CandidateSealer } from '../cv-emails/candidate-sealer';
import { PgRecruiterCvReader } from '../cv-views/pg-recruiter-cv-reader';
import { CV_INTAKE_MIGRATIONS } from '../migrations/cv-intake-migrations';
import { ContactError } from './contact-errors';
import { ContactRequestsUseCase } from './contact-requests.usecase';
import { PgContactRequests } from './pg-contact-requests';

const searchable = goldenFixture<CvProfileChangedV1>(TOPICS.cvProfileChanged, 'searchable');
const R1 = { recruiterId: '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706', company: 'Atelier Loire' };
const R2 = { recruiterId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', company: 'Clinique du Parc' };
const OWNER = { candidateId: 'cand-contact', email: 'ines.contact@example.org' };
const STRANGER = { candidateId: 'cand-stranger', email: 'someone@example.org' };

async function expectCode(work: Promise<unknown>, code: string, field?: string) {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContactError);
  expect((error as ContactError).code).toBe(code);
  if (field) expect((error as ContactError).details?.map((d) => d.field)).toContain(field);
}

/** Consented reveal on real Postgres: nothing before the candidate accepts, to that recruiter only. */
describe('contact requests (real Postgres)', () => {
  let db: TestDatabase;
  let keys: SharedTestKeys;
  let sut: ContactRequestsUseCase;
  let reader: PgRecruiterCvReader;
  let clock: FakeClock;
  let cvId: string;
  let hiddenCvId: string;

  beforeAll(async () => {
    db = await openTestDatabase('cv-contact', CV_INTAKE_MIGRATIONS);
    keys = await openSharedTestKeys(db.dataSource, db.schema);
    clock = new FakeClock('2026-12-01T10:00:00.000Z');
    sut = new ContactRequestsUseCase(
      new PgContactRequests(db.dataSource, new OutboxWriter(db.schema), new CandidateSealer(keys.cipher)),
      clock,
    );
    reader = new PgRecruiterCvReader(db.dataSource);
    const insert = async (isSearchable: boolean) => {
      const [row]: Array<{ id: string }> = await db.dataSource.query(
        `INSERT INTO cvs (candidate_id, original_name, media_type, size_bytes, state)
         VALUES ($1, 'cv.json', 'application/json', 20, 'parsed') RETURNING id`,
        [OWNER.candidateId],
      );
      await db.dataSource.query(
        `INSERT INTO cv_profiles (cv_id, profile, version, searchable) VALUES ($1, $2, 1, $3)`,
        [row!.id, JSON.stringify(searchable.profile), isSearchable],
      );
      return row!.id;
    };
    cvId = await insert(true);
    hiddenCvId = await insert(false);
  });

  afterAll(async () => {
    await keys?.drop();
    await db?.drop();
  });

  it('reveals nothing before the candidate accepts, then the details given, to the recruiter who asked only', async () => {
    const opened = await sut.open(R1, cvId, { message: 'Un poste d’infirmière de bloc à Lyon.' });
    expect(opened).toMatchObject({ created: true, view: { cvId, status: 'pending', contact: null } });
    const again = await sut.open(R1, cvId, {});
    expect(again).toEqual({ created: false, view: opened.view });
    // The candidate's e-mail is announced once, in the transaction of the request, without an address.
    const announced: Array<{ message_key: string; value: string }> = await db.dataSource.query(
      `SELECT message_key, value FROM outbox WHERE topic = $1`,
      [TOPICS.cvContactRequestCreated],
    );
    // Sealed under the candidate's key and keyed by its id: neither candidate nor company in the clear.
    const record = JSON.parse(announced[0]!.value) as { sealed: { kid: string } };
    expect(announced.map((r) => r.message_key)).toEqual([record.sealed.kid]);
    expect(announced[0]!.value).not.toMatch(/cand-contact|Atelier|infirmière/);
    expect(await keys.opened(record)).toEqual({
      requestId: opened.view.requestId,
      candidateId: OWNER.candidateId,
      cvId,
      company: 'Atelier Loire',
      message: 'Un poste d’infirmière de bloc à Lyon.',
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    expect((await reader.openable(cvId, R1.recruiterId))?.contact).toBeNull();

    // Another candidate cannot answer it; a guessed id is not found either.
    await expectCode(sut.accept(STRANGER, opened.view.requestId, {}), 'CONTACT_REQUEST_NOT_FOUND');
    await expectCode(sut.decline(OWNER.candidateId, 'not-a-uuid'), 'CONTACT_REQUEST_NOT_FOUND');
    expect(await sut.ofCandidate(STRANGER.candidateId)).toEqual([]);
    expect(await sut.ofCandidate(OWNER.candidateId)).toEqual([
      expect.objectContaining({
        requestId: opened.view.requestId,
        company: 'Atelier Loire',
        message: 'Un poste d’infirmière de bloc à Lyon.',
        status: 'pending',
      }),
    ]);

    clock.advance(3_600_000);
    await sut.accept(OWNER, opened.view.requestId, { phone: '+33 6 12 34 56 78' });
    const contact = { email: 'ines.contact@example.org', name: null, phone: '+33 6 12 34 56 78' };
    expect(await sut.ofRecruiter(R1.recruiterId, cvId)).toMatchObject({
      status: 'accepted',
      answeredAt: '2026-12-01T11:00:00.000Z',
      contact,
    });
    expect((await reader.openable(cvId, R1.recruiterId))?.contact).toEqual(contact);
    // A recruiter who never asked sees no request and no details.
    await expectCode(sut.ofRecruiter(R2.recruiterId, cvId), 'CONTACT_REQUEST_NOT_FOUND');
    expect((await reader.openable(cvId, R2.recruiterId))?.contact).toBeNull();

    // Declining afterwards withdraws the consent: the details are gone.
    await sut.decline(OWNER.candidateId, opened.view.requestId);
    expect(await sut.ofRecruiter(R1.recruiterId, cvId)).toMatchObject({ status: 'declined', contact: null });
    expect((await reader.openable(cvId, R1.recruiterId))?.contact).toBeNull();
  });

  it('refuses a hidden or unknown CV and a bad body, naming the field', async () => {
    await expectCode(sut.open(R2, hiddenCvId, {}), 'CONTACT_CV_NOT_FOUND');
    await expectCode(sut.open(R2, '00000000-0000-4000-8000-000000000000', {}), 'CONTACT_CV_NOT_FOUND');
    await expectCode(sut.open(R2, cvId, { message: 'x'.repeat(1_001) }), 'CONTACT_INPUT_INVALID', 'message');
    await expectCode(sut.open(R2, cvId, { email: 'a@b.fr' }), 'CONTACT_INPUT_INVALID');
    const { view } = await sut.open(R2, cvId, {});
    await expectCode(
      sut.accept(OWNER, view.requestId, { phone: 'call me' }),
      'CONTACT_INPUT_INVALID',
      'phone',
    );
    expect(await sut.ofRecruiter(R2.recruiterId, cvId)).toMatchObject({ status: 'pending', contact: null });
  });

  it('goes with the CV when it is erased', async () => {
    await db.dataSource.query(`DELETE FROM cvs WHERE id = $1`, [cvId]);

    const [left]: Array<{ n: number }> = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM contact_requests WHERE cv_id = $1`,
      [cvId],
    );
    expect(left!.n).toBe(0);
  });
});
