import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '@vigie/kernel';
import { AppError, RateLimiter } from '@vigie/platform';
import { AuthenticatedRecruiter, RecruiterRepository } from './recruiter.repository';

type WithRecruiter = Request & { recruiter?: AuthenticatedRecruiter };

/**
 * Recruiters and their ATS authenticate with an API key in the `x-api-key` header; each key then
 * spends its own request budget (429 with Retry-After when it is spent).
 */
@Injectable()
export class RecruiterAuthGuard implements CanActivate {
  constructor(
    private readonly recruiters: RecruiterRepository,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<WithRecruiter>();
    const key = req.headers['x-api-key'];
    const recruiter =
      typeof key === 'string' ? await this.recruiters.findByApiKey(key, this.clock.now()) : null;
    if (!recruiter) throw AppError.unauthenticated('a valid x-api-key header is required');
    const decision = this.limiter.take(recruiter.keyPrefix);
    if (!decision.allowed) {
      http.getResponse<Response>().setHeader('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
      throw new AppError(
        'RATE_LIMITED',
        'too many requests for this API key; retry after the Retry-After delay',
      );
    }
    req.recruiter = recruiter;
    return true;
  }
}

export const CurrentRecruiter = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedRecruiter => {
    const recruiter = ctx.switchToHttp().getRequest<WithRecruiter>().recruiter;
    if (!recruiter) throw AppError.unauthenticated();
    return recruiter;
  },
);
