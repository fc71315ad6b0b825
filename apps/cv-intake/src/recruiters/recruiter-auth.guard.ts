import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '@vigie/kernel';
import { AppError, RateLimiter } from '@vigie/platform';
import type { Request, Response } from 'express';
import { apiKeySha256 } from './api-key-format';
import { AuthenticatedRecruiter, RecruiterAccounts } from './recruiter-accounts.port';

export type RecruiterQuotaName = 'search' | 'views';
/** One budget per quota, each a token bucket per API key. */
export const RECRUITER_QUOTAS = Symbol('RECRUITER_QUOTAS');
export type RecruiterQuotas = Readonly<Record<RecruiterQuotaName, RateLimiter>>;

const QUOTA = 'vigie:recruiter-quota';
/** Which of the recruiter's budgets a route spends. */
export const RecruiterQuota = (name: RecruiterQuotaName) => SetMetadata(QUOTA, name);

/** A verified key is trusted this long by this replica (a disabled account stops within it). */
export const KEY_CACHE_MS = 5_000;
const KEY_CACHE_MAX = 10_000;

type WithRecruiter = Request & { recruiter?: AuthenticatedRecruiter };

/**
 * Recruiters authenticate with the API key offer-ingestion issued them (`x-api-key`), checked
 * against the projection of their accounts; each key then spends the route's quota (429 with
 * Retry-After when it is spent).
 */
@Injectable()
export class RecruiterAuthGuard implements CanActivate {
  private readonly verified = new Map<string, { recruiter: AuthenticatedRecruiter; until: number }>();

  constructor(
    private readonly accounts: RecruiterAccounts,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
    @Inject(RECRUITER_QUOTAS) private readonly quotas: RecruiterQuotas,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<WithRecruiter>();
    const key = req.headers['x-api-key'];
    const recruiter = typeof key === 'string' ? await this.verify(key) : null;
    if (!recruiter) throw AppError.unauthenticated('a valid x-api-key header is required');
    const quota = this.reflector.get<RecruiterQuotaName | undefined>(QUOTA, context.getHandler()) ?? 'search';
    const decision = this.quotas[quota].take(recruiter.keyPrefix);
    if (!decision.allowed) {
      http.getResponse<Response>().setHeader('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
      throw new AppError(
        'RATE_LIMITED',
        `the ${quota} quota of this API key is spent; retry after Retry-After`,
      );
    }
    req.recruiter = recruiter;
    return true;
  }

  private async verify(key: string): Promise<AuthenticatedRecruiter | null> {
    const now = this.clock.now();
    const cacheKey = apiKeySha256(key).toString('hex');
    const cached = this.verified.get(cacheKey);
    if (cached && cached.until > now.getTime()) return cached.recruiter;
    const recruiter = await this.accounts.findByApiKey(key, now);
    if (!recruiter) {
      this.verified.delete(cacheKey);
      return null;
    }
    if (this.verified.size >= KEY_CACHE_MAX) this.verified.clear();
    this.verified.set(cacheKey, { recruiter, until: now.getTime() + KEY_CACHE_MS });
    return recruiter;
  }
}

export const CurrentRecruiter = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedRecruiter => {
    const recruiter = ctx.switchToHttp().getRequest<WithRecruiter>().recruiter;
    if (!recruiter) throw AppError.unauthenticated();
    return recruiter;
  },
);
