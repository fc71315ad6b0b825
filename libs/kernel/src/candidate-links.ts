import type { SignedTokenClaims, SignedTokens } from './signed-token';

/**
 * The links of alert e-mails, pointing at the candidate pages served by alert-matcher. Every
 * sender builds them here, so the pages and the e-mails agree on paths, purposes and lifetimes.
 *
 *   const links = new CandidateLinks(config.ALERTS_PUBLIC_URL, new SignedTokens(config.ALERT_LINK_SECRET, clock));
 *   links.confirm(alert.id);         // double opt-in e-mail
 *   links.manage(alert.id);          // see / edit / pause / snooze / delete, last offers sent
 *   links.unsubscribe(alert.id);     // List-Unsubscribe (RFC 8058: the page answers GET and one-click POST)
 *   links.unsubscribeAll(candidateId);
 *
 * Each kind of link carries its own purpose in the signed token, so one kind never opens another.
 */
export type CandidateLinkKind = 'confirm' | 'manage' | 'unsubscribe' | 'unsubscribeAll';

export const CANDIDATE_LINK_PURPOSE: { readonly [K in CandidateLinkKind]: string } = {
  confirm: 'alert.confirm',
  manage: 'alert.manage',
  unsubscribe: 'alert.unsubscribe',
  unsubscribeAll: 'candidate.unsubscribe-all',
};

/** Paths of the pages under the public base URL; the token is the `t` query parameter. */
export const CANDIDATE_LINK_PATH: { readonly [K in CandidateLinkKind]: string } = {
  confirm: '/c/alerts/confirm',
  manage: '/c/alerts/manage',
  unsubscribe: '/c/alerts/unsubscribe',
  unsubscribeAll: '/c/unsubscribe-all',
};

export const CANDIDATE_LINK_TOKEN_PARAM = 't';

const DAY = 86_400;

/**
 * Why these lifetimes: a confirmation is clicked soon or never; a manage link must outlive a weekly
 * digest sitting in the inbox; unsubscribing must keep working long after the e-mail was sent
 * (mailbox providers and the law expect it to work for at least 30 days), so it gets the longest.
 */
export const CANDIDATE_LINK_TTL_SECONDS: { readonly [K in CandidateLinkKind]: number } = {
  confirm: 7 * DAY,
  manage: 60 * DAY,
  unsubscribe: 180 * DAY,
  unsubscribeAll: 180 * DAY,
};

export class CandidateLinks {
  private readonly base: string;

  /** `baseUrl`: where alert-matcher is reached from the candidate's browser (ALERTS_PUBLIC_URL). */
  constructor(
    baseUrl: string,
    private readonly tokens: SignedTokens,
    private readonly ttlSeconds: { readonly [K in CandidateLinkKind]: number } = CANDIDATE_LINK_TTL_SECONDS,
  ) {
    this.base = new URL(baseUrl).toString().replace(/\/+$/, '');
  }

  confirm(alertId: string): string {
    return this.url('confirm', alertId);
  }

  manage(alertId: string): string {
    return this.url('manage', alertId);
  }

  /** Also the `List-Unsubscribe` URL: a GET shows a button, a POST (one-click) unsubscribes. */
  unsubscribe(alertId: string): string {
    return this.url('unsubscribe', alertId);
  }

  unsubscribeAll(candidateId: string): string {
    return this.url('unsubscribeAll', candidateId);
  }

  /** The subject (alert or candidate id) of a valid token of this kind; throws InvalidTokenError. */
  verify(kind: CandidateLinkKind, token: string): SignedTokenClaims {
    return this.tokens.verify(token, CANDIDATE_LINK_PURPOSE[kind]);
  }

  private url(kind: CandidateLinkKind, subject: string): string {
    const token = this.tokens.sign(CANDIDATE_LINK_PURPOSE[kind], subject, this.ttlSeconds[kind]);
    return `${this.base}${CANDIDATE_LINK_PATH[kind]}?${CANDIDATE_LINK_TOKEN_PARAM}=${token}`;
  }
}
