import { FakeClock, isDomainError } from '@vigie/kernel';
import { apiKeyPrefix, hashApiKey, IssuedApiKey } from './api-key';
import {
  AuthenticatedRecruiter,
  DisableOutcome,
  Recruiter,
  RecruiterRepository,
} from './recruiter.repository';
import { RotateApiKeyUseCase } from './rotate-api-key.usecase';

class RecordingRecruiters extends RecruiterRepository {
  readonly rotations: Array<{ recruiterId: string; key: IssuedApiKey; now: Date; retiredUntil: Date }> = [];
  accountActive = true;

  async create(): Promise<Recruiter> {
    throw new Error('not used');
  }
  async findByApiKey(): Promise<AuthenticatedRecruiter | null> {
    return null;
  }
  async rotateKey(recruiterId: string, key: IssuedApiKey, now: Date, retiredUntil: Date): Promise<boolean> {
    this.rotations.push({ recruiterId, key, now, retiredUntil });
    return this.accountActive;
  }
  async disable(): Promise<DisableOutcome> {
    return 'not-found';
  }
}

const recruiter = (key: 'current' | 'retired'): AuthenticatedRecruiter => ({
  id: '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b',
  name: 'Cabinet',
  keyPrefix: '0123456789ab',
  key,
});

function newTestService() {
  const mocks = { recruiters: new RecordingRecruiters(), clock: new FakeClock('2026-12-01T08:00:00.000Z') };
  return { sut: new RotateApiKeyUseCase(mocks.recruiters, mocks.clock, 3_600_000), mocks };
}

describe('RotateApiKeyUseCase', () => {
  it('issues a new key, shown once, and keeps the previous one valid for the grace period', async () => {
    const { sut, mocks } = newTestService();

    const rotated = await sut.execute(recruiter('current'));

    expect(rotated.previousKeyValidUntil).toBe('2026-12-01T09:00:00.000Z');
    expect(apiKeyPrefix(rotated.apiKey)).toBe(rotated.prefix);
    const stored = mocks.recruiters.rotations[0]!;
    expect(stored.key.hash.equals(hashApiKey(rotated.apiKey))).toBe(true);
    expect(stored.retiredUntil.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('refuses to rotate with a key that is itself in its grace period', async () => {
    const { sut, mocks } = newTestService();

    const error: unknown = await sut.execute(recruiter('retired')).catch((e: unknown) => e);

    expect(isDomainError(error, ['ROTATION_NEEDS_CURRENT_KEY'])).toBe(true);
    expect(mocks.recruiters.rotations).toEqual([]);
  });

  it('says so when the account was disabled meanwhile', async () => {
    const { sut, mocks } = newTestService();
    mocks.recruiters.accountActive = false;

    const error: unknown = await sut.execute(recruiter('current')).catch((e: unknown) => e);

    expect(isDomainError(error, ['ACCOUNT_UNAVAILABLE'])).toBe(true);
  });
});
