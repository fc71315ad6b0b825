import type { CvProfile, CvViewedV1 } from '@vigie/contracts';
import { AesGcmSubjectCipher, FakeClock } from '@vigie/kernel';
import { goldenFixture, InMemorySubjectKeyStore } from '@vigie/testing/unit';
import { CvError } from '../cvs/cv-errors';
import { openCvView } from './cv-view-seal';
import { CvViewPublisher, OpenableCv, RecruiterCvReader } from './cv-view.port';
import { OpenCvUseCase, viewIdOf } from './open-cv.usecase';

const profile = goldenFixture<{ profile: CvProfile }>('cvs.profile.changed.v1', 'searchable').profile;
const CV = '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const recruiter = {
  recruiterId: '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706',
  company: 'Atelier Loire',
  keyPrefix: 'a1b2c3d4e5f6',
};

class FakeReader extends RecruiterCvReader {
  constructor(private readonly profiles: Map<string, CvProfile>) {
    super();
  }
  openable(cvId: string): Promise<OpenableCv | undefined> {
    const found = this.profiles.get(cvId);
    return Promise.resolve(found && { profile: found, contact: null });
  }
}

class RecordingViews extends CvViewPublisher {
  readonly published: CvViewedV1[] = [];
  publish(view: CvViewedV1) {
    this.published.push(view);
    return Promise.resolve();
  }
}

function newTestService() {
  const views = new RecordingViews();
  const clock = new FakeClock('2026-12-01T09:30:00.000Z');
  const cipher = new AesGcmSubjectCipher(new InMemorySubjectKeyStore());
  const sut = new OpenCvUseCase(new FakeReader(new Map([[CV, profile]])), views, cipher, clock);
  return { sut, views, cipher };
}

describe('OpenCvUseCase', () => {
  it('answers the anonymised profile and announces one view, the recruiter and company sealed under the CV’s key', async () => {
    const { sut, views, cipher } = newTestService();

    const opened = await sut.execute(recruiter, CV);

    expect(opened).toEqual({ cvId: CV, viewId: expect.any(String), profile, contact: null });
    expect(views.published).toHaveLength(1);
    const record = JSON.stringify(views.published[0]);
    expect(record).not.toContain('Atelier Loire');
    expect(record).not.toContain(recruiter.recruiterId);
    expect(await Promise.all(views.published.map((v) => openCvView(cipher, v)))).toEqual([
      {
        viewId: opened.viewId,
        cvId: CV,
        recruiterId: recruiter.recruiterId,
        company: 'Atelier Loire',
        viewedAt: '2026-12-01T09:30:00.000Z',
      },
    ]);
  });

  it('gives a retried opening with the same idempotency key the same view id, and another key another one', async () => {
    const { sut } = newTestService();

    const first = await sut.execute(recruiter, CV, 'req-1');
    const retry = await sut.execute(recruiter, CV, 'req-1');
    const other = await sut.execute(recruiter, CV, 'req-2');

    expect(retry.viewId).toBe(first.viewId);
    expect(other.viewId).not.toBe(first.viewId);
    expect(first.viewId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(viewIdOf('another-recruiter', CV, 'req-1')).not.toBe(first.viewId);
  });

  it('is 404 for an unknown, hidden or malformed CV id, and announces nothing', async () => {
    const { sut, views } = newTestService();

    for (const id of ['6c5b4a3d-2e1f-4b0a-9d8e-7f6a5b4c3d2e', 'not-a-uuid']) {
      await expect(sut.execute(recruiter, id)).rejects.toEqual(
        expect.objectContaining({ code: 'CV_NOT_FOUND' }),
      );
    }
    await expect(sut.execute(recruiter, 'x')).rejects.toBeInstanceOf(CvError);
    expect(views.published).toEqual([]);
  });
});
