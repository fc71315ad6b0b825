export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a resend after a crash carries the same Message-ID and clients can fold it. */
  messageId: string;
  headers: Record<string, string>;
}

/** The relay refused the message for good (5xx): retrying cannot help. */
export class PermanentMailError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

/** Port: hands one message to the mail relay; resolves once the relay accepted it. */
export abstract class Mailer {
  abstract send(mail: OutgoingMail): Promise<void>;
}
