import { AddressInfo } from 'node:net';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '@vigie/messaging';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { parseDeliveryStatus } from './delivery-status';
import { RecordBounceUseCase } from './record-bounce.usecase';

export interface DsnReceiverSettings {
  /** Where the relay hands back delivery status notifications (BOUNCE_SMTP_PORT). */
  host: string;
  port: number;
}

/**
 * The bounce address's mailbox: a small SMTP server (smtp-server) that receives the delivery
 * status notifications of e-mails whose envelope sender is MAIL_BOUNCE_ADDRESS, parses them
 * (mailparser) and hands them to RecordBounceUseCase, which decides what to trust. Every message is accepted (250) whatever it holds: refusing a report
 * would only make the relay send it again.
 */
export class DsnReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: SMTPServer | undefined;
  port = 0;

  constructor(
    private readonly settings: DsnReceiverSettings,
    private readonly record: RecordBounceUseCase,
    private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 1024 * 1024,
      onData: (stream, _session, callback) => {
        this.handle(stream)
          .catch((e: unknown) => this.logger.warn({ err: errorMessage(e) }, 'unreadable bounce ignored'))
          .finally(() => callback());
      },
    });
    await new Promise<void>((resolve) =>
      this.server!.listen(this.settings.port, this.settings.host, resolve),
    );
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(stream: NodeJS.ReadableStream): Promise<void> {
    const parsed = await simpleParser(stream as unknown as Parameters<typeof simpleParser>[0]);
    const type = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> };
    const isReport =
      type?.value === 'multipart/report' && type.params?.['report-type']?.toLowerCase() === 'delivery-status';
    // mailparser folds the message/delivery-status part into the text; the returned message (or
    // its headers) comes as an attachment.
    const returned = parsed.attachments
      .filter((a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers')
      .map((a) => /^Message-ID:\s*(<[^>\s]+>)/im.exec(a.content.toString('utf8'))?.[1])
      .find((id): id is string => id !== undefined);
    await this.record.execute({
      isReport,
      returnedMessageId: returned ?? null,
      statuses: isReport ? parseDeliveryStatus(parsed.text ?? '') : [],
    });
  }
}
