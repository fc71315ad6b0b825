import type { Provider } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { ContactRequests } from './contact-request.port';
import { ContactRequestsUseCase } from './contact-requests.usecase';
import { PgContactRequests } from './pg-contact-requests';

/** Consented reveal: the module lists these and the two contact controllers. */
export const contactProviders: Provider[] = [
  { provide: ContactRequests, useClass: PgContactRequests },
  {
    provide: ContactRequestsUseCase,
    useFactory: (requests: ContactRequests, clock: Clock) => new ContactRequestsUseCase(requests, clock),
    inject: [ContactRequests, Clock],
  },
];
