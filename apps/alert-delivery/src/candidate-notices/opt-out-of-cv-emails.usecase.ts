import { Clock, InvalidTokenError } from '@vigie/kernel';
import { CvEmailLinks } from './cv-email-links';
import { CvEmailPreferences } from './cv-email-preferences.port';

export type OptOutResult = 'opted_out' | 'invalid_link';

/**
 * The CV e-mails' opt-out link: the signed token is the only authority (no account, no cookie).
 * `check` is for the page a GET shows (a link scanner changes nothing); `optOut` is the POST of its
 * button and the RFC 8058 one-click POST, idempotent.
 */
export class OptOutOfCvEmailsUseCase {
  constructor(
    private readonly links: CvEmailLinks,
    private readonly preferences: CvEmailPreferences,
    private readonly clock: Clock,
  ) {}

  check(token: string): 'valid' | 'invalid_link' {
    return this.candidateOf(token) === undefined ? 'invalid_link' : 'valid';
  }

  async optOut(token: string): Promise<OptOutResult> {
    const candidateId = this.candidateOf(token);
    if (candidateId === undefined) return 'invalid_link';
    await this.preferences.optOut(candidateId, this.clock.now());
    return 'opted_out';
  }

  private candidateOf(token: string): string | undefined {
    try {
      return this.links.candidateOfOptOut(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) return undefined;
      throw error;
    }
  }
}
