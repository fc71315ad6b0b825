import { TransientError } from '@vigie/messaging';
import { SuppressionList } from '../suppression/suppression-list.port';
import { headerSafe } from './alert-email';
import { Mailer, OutgoingMail, PermanentMailError } from './mailer.port';
import { messageIdOf } from './message-id';

/** What a use case knows of one e-mail; the envelope adds everything a mailbox provider checks. */
export interface EnvelopeInput {
  /** The ledger key: the Message-ID derives from it, so a resend after a crash carries the same one. */
  ledgerKey: string;
  mailDomain: string;
  to: string;
  /** The alert of an alert e-mail; a candidate's CV e-mail has none. */
  alertId?: string;
  content: { subject: string; text: string; html: string };
  /**
   * The alert's one-click unsubscribe URL (RFC 8058), or null for an e-mail that is not a
   * subscription (the double opt-in confirmation: nothing is subscribed yet).
   */
  unsubscribe: string | null;
  /** Extra tracing headers (ids only, never user data). */
  headers?: Record<string, string>;
}

/**
 * The one place an alert-delivery e-mail gets its envelope: Message-ID from the ledger key,
 * `List-Unsubscribe` + `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) when it is
 * a subscription, `Auto-Submitted`, and every header value built from user or offer data folded
 * on one line (CR/LF and controls: row E1). DKIM is the transport's (`SmtpMailer`), so every
 * envelope built here is signed the same way, `List-Unsubscribe` included.
 */
export function mailEnvelope(input: EnvelopeInput): OutgoingMail {
  return {
    to: input.to,
    subject: headerSafe(input.content.subject),
    text: input.content.text,
    html: input.content.html,
    messageId: messageIdOf(input.ledgerKey, input.mailDomain),
    headers: {
      ...(input.unsubscribe
        ? {
            'List-Unsubscribe': `<${oneLine(input.unsubscribe)}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          }
        : {}),
      'Auto-Submitted': 'auto-generated',
      ...(input.alertId === undefined ? {} : { 'X-Vigie-Alert-Id': oneLine(input.alertId) }),
      ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k, oneLine(v)])),
    },
  };
}

/** A URL or id in a header: never folded or cut (that would break it), only stripped of controls. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return value.replace(/[\u0000-\u001F\u007F]+/g, '');
}

/**
 * What handing one envelope to the relay came to, classified once for every sender: accepted;
 * `transient` (relay down, 4xx: keep the claim, retry later); `rejected` (5xx; the address was
 * suppressed when the refusal was about it); `bug` (anything else: the caller gives its claim
 * back and counts it failed).
 */
export type SendResult =
  | { kind: 'accepted' }
  | { kind: 'transient'; error: unknown }
  | { kind: 'rejected'; error: PermanentMailError }
  | { kind: 'bug'; error: unknown };

export async function sendEnvelope(
  mailer: Mailer,
  suppressions: SuppressionList,
  mail: OutgoingMail,
): Promise<SendResult> {
  try {
    await mailer.send(mail);
    return { kind: 'accepted' };
  } catch (error) {
    if (error instanceof TransientError) return { kind: 'transient', error };
    if (error instanceof PermanentMailError) {
      if (error.recipientRefused)
        await suppressions.suppress(mail.to, `${error.responseCode} refused by the relay`, 'smtp_reply');
      return { kind: 'rejected', error };
    }
    return { kind: 'bug', error };
  }
}
