import { Inject, Injectable } from '@nestjs/common';
import { AppError, CandidatePrincipal } from '@vigie/platform';
import { tokenize } from '../matching/keywords';
import { Alert } from './alert';
import { AlertInput } from './alert-input.schema';
import { AlertRepository } from './alert.repository';

export const ALERTS_PER_CANDIDATE_MAX = Symbol('ALERTS_PER_CANDIDATE_MAX');

@Injectable()
export class CreateAlertUseCase {
  constructor(
    private readonly alerts: AlertRepository,
    @Inject(ALERTS_PER_CANDIDATE_MAX) private readonly maxPerCandidate: number,
  ) {}

  async execute(candidate: CandidatePrincipal, input: AlertInput): Promise<Alert> {
    const keywordTokens = tokenize(input.keywords.join(' '));
    if (keywordTokens.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'invalid alert', [
        { field: 'keywords', reason: 'must contain at least one meaningful word' },
      ]);
    }
    if ((await this.alerts.countActive(candidate.candidateId)) >= this.maxPerCandidate) {
      throw new AppError('CONFLICT', `at most ${this.maxPerCandidate} active alerts per candidate`);
    }
    return this.alerts.create({
      candidateId: candidate.candidateId,
      email: candidate.email,
      keywords: input.keywords,
      keywordTokens,
      place: input.place ? { ...input.place, communeCode: input.place.communeCode ?? null } : null,
      contractTypes: input.contractTypes,
      frequency: input.frequency,
    });
  }
}
