import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '@vigie/platform';
import { Recruiter, RecruiterRepository } from './recruiter.repository';

type WithRecruiter = Request & { recruiter?: Recruiter };

/** Recruiters and their ATS authenticate with an API key in the `x-api-key` header. */
@Injectable()
export class RecruiterAuthGuard implements CanActivate {
  constructor(private readonly recruiters: RecruiterRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WithRecruiter>();
    const key = req.headers['x-api-key'];
    const recruiter = typeof key === 'string' ? await this.recruiters.findByApiKey(key) : null;
    if (!recruiter) throw AppError.unauthenticated('a valid x-api-key header is required');
    req.recruiter = recruiter;
    return true;
  }
}

export const CurrentRecruiter = createParamDecorator((_: unknown, ctx: ExecutionContext): Recruiter => {
  const recruiter = ctx.switchToHttp().getRequest<WithRecruiter>().recruiter;
  if (!recruiter) throw AppError.unauthenticated();
  return recruiter;
});
