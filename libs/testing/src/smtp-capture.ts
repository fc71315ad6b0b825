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
  /** The parsed message; absent in headers-only mode. */
  raw?: ParsedMail;
}

/** Raw header lines of a message, unfolded, by lower-case name. */
function headerBlock(message: string): Map<string, string> {
  const end = message.search(/\r?\n\r?\n/);
  const unfolded = (end >= 0 ? message.slice(0, end) : message).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A reply the capture gives instead of accepting (421/450 transient, 550 permanent…). */
export interface InjectedReply {
  code: number;
  message: string;
  /** How many times to give it; unlimited when absent. */
  times?: number;
}

/**
 * A real SMTP server (smtp-server) on loopback that keeps every message it accepts. Tests inject
 * replies per recipient (`replyTo`) to play a relay that refuses or defers.
 */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private readonly replies = new Map<string, InjectedReply>();
  private server: SMTPServer | undefined;
  private listeners: Array<(m: CapturedMail) => void> = [];
  port = 0;

  /**
   * `headers` mode skips MIME parsing (the benchmark's SMTP server must not compete for CPU with
   * the platform it measures); subjects then stay as sent (possibly RFC 2047-encoded).
   */
  constructor(private readonly mode: 'full' | 'headers' = 'full') {}

  /** `port` 0 takes a free one; a fixed port lets a test bring a stopped relay back where it was. */
  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      // Its built-in certificate has expired; the relay path we test is plain SMTP on loopback.
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        const reply = this.replies.get(address.address.toLowerCase());
        if (!reply || reply.times === 0) return callback();
        if (reply.times !== undefined) reply.times -= 1;
        callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
      },
      onData: (stream, session, callback) => {
        const receivedAt = Date.now();
        if (this.mode === 'headers') {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const headers = headerBlock(raw);
            const mail: CapturedMail = {
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              subject: headers.get('subject') ?? '',
              text: '',
              html: '',
              headers: new Map(headers),
              header: (name) => headers.get(name.toLowerCase()),
              receivedAt,
            };
            this.messages.push(mail);
            for (const l of this.listeners) l(mail);
            callback();
          });
          return;
        }
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
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Answers RCPT TO for this address with `reply` (e.g. 550) instead of accepting it. */
  replyTo(address: string, reply: InjectedReply): void {
    this.replies.set(address.toLowerCase(), { ...reply });
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
