import { SignedTokens } from '@vigie/kernel';

const PURPOSE = 'page.form';
/** Long enough to fill a form in, short enough that an old copy of a page stops working. */
const TTL_SECONDS = 2 * 3600;

/**
 * The token of each form of the candidate pages. The link token (`t`) authorises and travels in
 * the POST body, never in a cookie, so another site cannot make a browser post on its owner's
 * behalf; this form token also binds the POST to the page that was rendered — its form, its
 * subject and, for an alert, the version it showed — so a replayed or stale form is refused
 * instead of undoing a newer change.
 */
export class FormTokens {
  constructor(private readonly tokens: SignedTokens) {}

  issue(form: string, subject: string, version = 0): string {
    return this.tokens.sign(PURPOSE, bindingOf(form, subject, version), TTL_SECONDS);
  }

  /** True when the token was issued for this form, subject and version and has not expired. */
  accepts(token: string | undefined, form: string, subject: string, version = 0): boolean {
    if (!token) return false;
    try {
      return this.tokens.verify(token, PURPOSE).sub === bindingOf(form, subject, version);
    } catch {
      return false;
    }
  }
}

const bindingOf = (form: string, subject: string, version: number) => `${form}:${subject}:${version}`;
