import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  /** The raw value of a header as sent (mailparser folds some, like List-*, into objects). */
  header(name: string): string | undefined;
  receivedAt: number;
  raw: ParsedMail;
}

/** A real SMTP server (smtp-server) on loopback that keeps every message it accepts. */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server: SMTPServer | undefined;
  private listeners: Array<(m: CapturedMail) => void> = [];
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      // Its built-in certificate has expired; the relay path we test is plain SMTP on loopback.
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const receivedAt = Date.now();
        simpleParser(stream)
          .then((parsed) => {
            const mail: CapturedMail = {
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              header: (name) => {
                const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
                return line?.slice(line.indexOf(':') + 1).trim();
              },
              receivedAt,
              raw: parsed,
            };
            this.messages.push(mail);
            for (const l of this.listeners) l(mail);
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  onMessage(listener: (m: CapturedMail) => void): void {
    this.listeners.push(listener);
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
