import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AppError, RateLimiter } from '@vigie/platform';
import type { Request, Response } from 'express';
import { clientIp } from './client-ip';

export const TRUSTED_PROXY_HOPS = Symbol('TRUSTED_PROXY_HOPS');

/** Anonymous traffic: each client IP spends its own request budget (429 with Retry-After). */
@Injectable()
export class IpRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(TRUSTED_PROXY_HOPS) private readonly trustedHops: number,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const ip = clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.trustedHops);
    const decision = this.limiter.take(ip);
    if (decision.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
    throw new AppError(
      'RATE_LIMITED',
      'too many searches from this address; retry after the Retry-After delay',
    );
  }
}
