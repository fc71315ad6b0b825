import { Injectable } from '@nestjs/common';
import { candidateNotificationAddressChangedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter } from '@vigie/messaging';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { NotificationAddressLog } from './notification-address.port';

/** Through the outbox, so the address and a later erasure's tombstone leave in their order. */
@Injectable()
export class OutboxNotificationAddressLog extends NotificationAddressLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  publish(candidateId: string, email: string, at: Date): Promise<void> {
    return this.dataSource.transaction((tx) =>
      this.outbox.append(tx, [
        buildEvent(
          candidateNotificationAddressChangedV1,
          { candidateId, email, changedAt: at.toISOString() },
          { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
        ),
      ]),
    );
  }
}
