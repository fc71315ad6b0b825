import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@vigie/kernel';
import { RecruiterRepository } from './recruiter.repository';

/** Disables an account: every key of it (current and retired) is refused from now on. Idempotent. */
@Injectable()
export class DisableRecruiterUseCase {
  constructor(
    private readonly recruiters: RecruiterRepository,
    private readonly clock: Clock,
  ) {}

  async execute(recruiterId: string): Promise<void> {
    const outcome = await this.recruiters.disable(recruiterId, this.clock.now());
    if (outcome === 'not-found') {
      throw new DomainError<'RECRUITER_NOT_FOUND'>('RECRUITER_NOT_FOUND', 'recruiter not found');
    }
  }
}
