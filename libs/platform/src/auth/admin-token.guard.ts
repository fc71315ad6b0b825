import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppError } from '../http/app-error';

export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

/** Operator endpoints (e.g. creating a recruiter account) require the `x-admin-token` header. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = createHash('sha256').update(token).digest();
  }

  canActivate(context: ExecutionContext): boolean {
    const given = context.switchToHttp().getRequest<Request>().headers['x-admin-token'];
    const digest = createHash('sha256')
      .update(typeof given === 'string' ? given : '')
      .digest();
    if (!timingSafeEqual(digest, this.expected))
      throw AppError.unauthenticated('a valid x-admin-token header is required');
    return true;
  }
}
