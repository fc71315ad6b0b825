import type { SignedTokens } from '@vigie/kernel';
import type { NoticeLinks } from './candidate-notice-email';

/** The signed token of the CV e-mails' opt-out: its own purpose, so no alert link opens it. */
export const CV_EMAILS_OPT_OUT_PURPOSE = 'candidate.cv-emails-off';
export const CV_EMAILS_OPT_OUT_PATH = '/c/cv-emails/unsubscribe';
const OPT_OUT_TTL_SECONDS = 180 * 86_400; // as long as the alerts' unsubscribe links

/**
 * The links of the CV e-mails. The CV pages are the job board's candidate space
 * (`CANDIDATE_SPACE_URL`), where the candidate is signed in and which calls cv-intake's API; the
 * opt-out is served by alert-delivery itself (`DELIVERY_PUBLIC_URL`), which owns it.
 */
export class CvEmailLinks {
  private readonly space: string;
  private readonly delivery: string;

  constructor(
    spaceUrl: string,
    deliveryPublicUrl: string,
    private readonly tokens: SignedTokens,
  ) {
    this.space = new URL(spaceUrl).toString().replace(/\/+$/, '');
    this.delivery = new URL(deliveryPublicUrl).toString().replace(/\/+$/, '');
  }

  forCandidate(candidateId: string): NoticeLinks {
    return {
      views: `${this.space}/cv/vues`,
      keep: `${this.space}/cv/conservation`,
      answer: (requestId) => `${this.space}/cv/contacts/${encodeURIComponent(requestId)}`,
      unsubscribe: `${this.delivery}${CV_EMAILS_OPT_OUT_PATH}?t=${this.tokens.sign(
        CV_EMAILS_OPT_OUT_PURPOSE,
        candidateId,
        OPT_OUT_TTL_SECONDS,
      )}`,
    };
  }

  /** The candidate of a valid opt-out token; throws InvalidTokenError. */
  candidateOfOptOut(token: string): string {
    return this.tokens.verify(token, CV_EMAILS_OPT_OUT_PURPOSE).sub;
  }
}
