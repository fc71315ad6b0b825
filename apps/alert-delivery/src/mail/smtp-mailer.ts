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
      });
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) throw new PermanentMailError((e as Error).message, code);
      throw new TransientError(`SMTP relay unavailable: ${(e as Error).message}`, { cause: e });
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
