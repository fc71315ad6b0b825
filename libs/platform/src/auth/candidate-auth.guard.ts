import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../http/app-error';
import { CandidatePrincipal, verifyCandidateToken } from './candidate-token';

export const CANDIDATE_TOKEN_SECRET = Symbol('CANDIDATE_TOKEN_SECRET');

type WithCandidate = Request & { candidate?: CandidatePrincipal };

@Injectable()
export class CandidateAuthGuard implements CanActivate {
  constructor(@Inject(CANDIDATE_TOKEN_SECRET) private readonly secret: string) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WithCandidate>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const principal = token ? verifyCandidateToken(token, this.secret) : undefined;
    if (!principal) throw AppError.unauthenticated('a valid candidate bearer token is required');
    req.candidate = principal;
    return true;
  }
}

/** The authenticated candidate of the request (use with `@UseGuards(CandidateAuthGuard)`). */
export const CurrentCandidate = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): CandidatePrincipal => {
    const candidate = ctx.switchToHttp().getRequest<WithCandidate>().candidate;
    if (!candidate) throw AppError.unauthenticated();
    return candidate;
  },
);
