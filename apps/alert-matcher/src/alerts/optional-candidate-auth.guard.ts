import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError, CANDIDATE_TOKEN_SECRET, CandidatePrincipal, verifyCandidateToken } from '@vigie/platform';

type WithCandidate = Request & { candidate?: CandidatePrincipal };

/**
 * Alert creation is open to visitors without an account (double opt-in by e-mail), so the token
 * is optional; but a token that is sent must be valid, or the caller would silently lose their
 * verified status.
 */
@Injectable()
export class OptionalCandidateAuthGuard implements CanActivate {
  constructor(@Inject(CANDIDATE_TOKEN_SECRET) private readonly secret: string) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WithCandidate>();
    const header = req.headers.authorization;
    if (header === undefined) return true;
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const principal = token ? verifyCandidateToken(token, this.secret) : undefined;
    if (!principal) throw AppError.unauthenticated('the candidate bearer token is not valid');
    req.candidate = principal;
    return true;
  }
}

/** The candidate of the request when a valid token was sent, else undefined. */
export const OptionalCandidate = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): CandidatePrincipal | undefined =>
    ctx.switchToHttp().getRequest<WithCandidate>().candidate,
);
