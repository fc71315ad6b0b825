import { TransientError } from '@vigie/messaging';
import { HealthCheck, HealthCheckResult } from '@vigie/observability';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { Mailer, OutgoingMail, PermanentMailError } from './mailer.port';

export interface SmtpSettings {
  url: string;
  from: string;
  requireTls: boolean;
  maxConnections: number;
  /** Messages per second over the whole pool (the relay's or provider's sending quota). */
  ratePerSecond?: number;
  /** Envelope sender (Return-Path): where relays send delivery status notifications. */
  bounceAddress?: string;
  /** DKIM signing (relaxed canonicalisation by nodemailer) when a private key is configured. */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

/** nodemailer's codes for a relay that could not be reached or went away mid-transaction. */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETLS',
  'EPROTOCOL',
]);

const ADDRESS_REFUSALS = new Set([550, 551, 553]);

/**
 * The one place SMTP failures are classified: a 4xx reply or a connection failure is transient,
 * a 5xx reply is permanent; any other error (a message nodemailer cannot build, a bug) is returned
 * unchanged so the use case dead-letters the match instead of retrying it forever.
 */
export function classifySmtpError(e: unknown): unknown {
  const { responseCode, code, command, message } = e as {
    responseCode?: number;
    code?: string;
    command?: string;
    message?: string;
  };
  // Refused credentials are the operator's to fix, not the candidate's: keep the mail, retry.
  if (code === 'EAUTH') return new TransientError(`SMTP relay refused our credentials: ${message}`);
  if (responseCode !== undefined && responseCode >= 500) {
    const aboutRecipient = command === 'RCPT TO' || ADDRESS_REFUSALS.has(responseCode);
    return new PermanentMailError(message ?? String(e), responseCode, aboutRecipient);
  }
  if ((responseCode !== undefined && responseCode >= 400) || (code && CONNECTION_CODES.has(code))) {
    return new TransientError(`SMTP relay unavailable: ${message ?? String(e)}`, { cause: e });
  }
  return e;
}

export class SmtpMailer extends Mailer implements HealthCheck {
  readonly name = 'smtp';
  private readonly transport: Transporter;
  private lastCheck: { at: number; result: HealthCheckResult } | undefined;

  constructor(private readonly settings: SmtpSettings) {
    super();
    const options: SMTPPool.Options & { url: string } = {
      url: settings.url,
      pool: true,
      maxConnections: settings.maxConnections,
      requireTLS: settings.requireTls,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(settings.ratePerSecond ? { rateDelta: 1_000, rateLimit: settings.ratePerSecond } : {}),
      ...(settings.dkim ? { dkim: settings.dkim } : {}),
    };
    this.transport = createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
        ...(this.settings.bounceAddress
          ? { envelope: { from: this.settings.bounceAddress, to: mail.to } }
          : {}),
      });
    } catch (e) {
      throw classifySmtpError(e);
    }
  }

  /** Probing the relay opens a connection, so the answer is cached for 30 s. */
  async check(): Promise<HealthCheckResult> {
    if (this.lastCheck && Date.now() - this.lastCheck.at < 30_000) return this.lastCheck.result;
    const result = await this.transport
      .verify()
      .then(() => ({ up: true }))
      .catch((e: unknown) => ({ up: false, detail: (e as Error).message }));
    this.lastCheck = { at: Date.now(), result };
    return result;
  }

  close(): void {
    this.transport.close();
  }
}
