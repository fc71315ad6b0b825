import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { CandidatePrincipal } from '@vigie/platform';
import { from, mergeMap, Observable } from 'rxjs';
import { AnnounceNotificationAddressUseCase } from './announce-notification-address.usecase';

/**
 * On candidate routes (after CandidateAuthGuard): the token's verified address is announced
 * before the handler runs, so any action of the candidate keeps alert-delivery's copy current.
 */
@Injectable()
export class AnnounceAddressInterceptor implements NestInterceptor {
  constructor(private readonly announce: AnnounceNotificationAddressUseCase) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const candidate = context.switchToHttp().getRequest<{ candidate?: CandidatePrincipal }>().candidate;
    if (!candidate) return next.handle();
    return from(this.announce.execute(candidate)).pipe(mergeMap(() => next.handle()));
  }
}
