import type { CvProfile } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { goldenFixture } from '@vigie/testing/unit';
import { CachedRecruiterCvReader } from './cached-recruiter-cv-reader';
import { CvRecord, CvRecordSource } from './cv-view.port';

const profile = goldenFixture<{ profile: CvProfile }>('cvs.profile.changed.v1', 'searchable').profile;
const R1 = 'recruiter-1';
const contact = { email: 'ines@example.org', name: null, phone: null };

class CountingSource implements CvRecordSource {
  reads = 0;
  failNext = false;
  records = new Map<string, CvRecord>();
  record(cvId: string): Promise<CvRecord | undefined> {
    this.reads += 1;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('connection reset'));
    }
    return Promise.resolve(this.records.get(cvId));
  }
}

function newTestService(maxEntries = 10) {
  const source = new CountingSource();
  source.records.set('cv-1', { profile, contacts: new Map([[R1, contact]]) });
  const clock = new FakeClock('2026-12-01T10:00:00.000Z');
  const sut = new CachedRecruiterCvReader(source, clock, 1_000, maxEntries);
  return { sut, source, clock };
}

describe('CachedRecruiterCvReader', () => {
  it('reads a CV once per TTL, concurrent openings included, and gives each recruiter their own contact', async () => {
    const { sut, source } = newTestService();

    const [mine, other] = await Promise.all([sut.openable('cv-1', R1), sut.openable('cv-1', 'recruiter-2')]);

    expect(mine).toEqual({ profile, contact });
    expect(other).toEqual({ profile, contact: null });
    expect(source.reads).toBe(1);
  });

  it('reads again once the TTL has passed, so a withdrawn contact or a hidden CV shows within it', async () => {
    const { sut, source, clock } = newTestService();
    await sut.openable('cv-1', R1);
    source.records.delete('cv-1');

    clock.advance(999);
    expect(await sut.openable('cv-1', R1)).toEqual({ profile, contact });
    clock.advance(1);
    expect(await sut.openable('cv-1', R1)).toBeUndefined();
    expect(source.reads).toBe(2);
  });

  it('keeps no failed read, and no more entries than its bound', async () => {
    const { sut, source } = newTestService(1);
    source.failNext = true;

    await expect(sut.openable('cv-1', R1)).rejects.toThrow('connection reset');
    expect(await sut.openable('cv-1', R1)).toEqual({ profile, contact });
    await sut.openable('cv-2', R1);
    await sut.openable('cv-1', R1);
    expect(source.reads).toBe(4);
  });
});
