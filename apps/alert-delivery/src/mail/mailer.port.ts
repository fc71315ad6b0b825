export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a resend after a crash carries the same Message-ID and clients can fold it. */
  messageId: string;
  headers: Record<string, string>;
}

/**
 * The relay refused the message for good (5xx): retrying cannot help. `recipientRefused` when the
 * refusal was about the address (RCPT TO, or 550/551/553): the address is then suppressed.
 */
export class PermanentMailError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
    readonly recipientRefused = false,
  ) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

/**
 * Port: hands one message to the mail relay; resolves once the relay accepted it. Failures are
 * classified by the adapter: `TransientError` (4xx, relay unreachable: retry later),
 * `PermanentMailError` (5xx: never retry); anything else is a bug or bad data and is rethrown as is.
 */
export abstract class Mailer {
  abstract send(mail: OutgoingMail): Promise<void>;
}
