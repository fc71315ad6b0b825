import type { Provider } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { AnnounceAddressInterceptor } from './announce-address.interceptor';
import { AnnounceNotificationAddressUseCase } from './announce-notification-address.usecase';
import { NotificationAddressLog } from './notification-address.port';
import { OutboxNotificationAddressLog } from './outbox-notification-address-log';

/** The candidate's notification address, announced from candidate routes (AnnounceAddressInterceptor). */
export const notificationAddressProviders: Provider[] = [
  { provide: NotificationAddressLog, useClass: OutboxNotificationAddressLog },
  {
    provide: AnnounceNotificationAddressUseCase,
    useFactory: (log: NotificationAddressLog, clock: Clock) =>
      new AnnounceNotificationAddressUseCase(log, clock),
    inject: [NotificationAddressLog, Clock],
  },
  AnnounceAddressInterceptor,
];
