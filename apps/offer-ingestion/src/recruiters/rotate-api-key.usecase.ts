import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@vigie/kernel';
import { issueApiKey } from './api-key';
import type { AuthenticatedRecruiter } from './recruiter.repository';
import { RecruiterRepository } from './recruiter.repository';

export const KEY_ROTATION_GRACE_MS = Symbol('KEY_ROTATION_GRACE_MS');

export type RotationErrorCode = 'ROTATION_NEEDS_CURRENT_KEY' | 'ACCOUNT_UNAVAILABLE';

export interface RotatedKey {
  apiKey: string;
  prefix: string;
  /** Until then the previous key still works, so the ATS can be switched over without downtime. */
  previousKeyValidUntil: string;
}

/** Issues a new API key (shown once) and retires the current one after the grace period. */
@Injectable()
export class RotateApiKeyUseCase {
  constructor(
    private readonly recruiters: RecruiterRepository,
    private readonly clock: Clock,
    @Inject(KEY_ROTATION_GRACE_MS) private readonly graceMs: number,
  ) {}

  async execute(recruiter: AuthenticatedRecruiter): Promise<RotatedKey> {
    // A key in its grace period must not mint a fresh one: it may be the one that leaked.
    if (recruiter.key !== 'current') {
      throw new DomainError<RotationErrorCode>(
        'ROTATION_NEEDS_CURRENT_KEY',
        'rotate with the current API key; a retired key only works until its grace period ends',
      );
    }
    const now = this.clock.now();
    const validUntil = new Date(now.getTime() + this.graceMs);
    const key = issueApiKey();
    if (!(await this.recruiters.rotateKey(recruiter.id, key, now, validUntil))) {
      throw new DomainError<RotationErrorCode>('ACCOUNT_UNAVAILABLE', 'the account is disabled');
    }
    return { apiKey: key.key, prefix: key.prefix, previousKeyValidUntil: validUntil.toISOString() };
  }
}
