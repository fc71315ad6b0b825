import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppError } from '../http/app-error';

export const INTERNAL_API_TOKEN = Symbol('INTERNAL_API_TOKEN');

/**
 * The internal APIs (`/internal/v1`) serve other Vigie services only, which send
 * `Authorization: Bearer <INTERNAL_API_TOKEN>`. Compared as digests, in constant time.
 */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(INTERNAL_API_TOKEN) token: string) {
    this.expected = createHash('sha256').update(token).digest();
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    const digest = createHash('sha256').update(given).digest();
    if (!given || !timingSafeEqual(digest, this.expected))
      throw AppError.unauthenticated('a valid internal bearer token is required');
    return true;
  }
}
