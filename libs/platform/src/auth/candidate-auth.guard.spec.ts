import { ExecutionContext } from '@nestjs/common';
import { AppError } from '../http/app-error';
import { CandidateAuthGuard } from './candidate-auth.guard';
import { CandidatePrincipal, signCandidateToken } from './candidate-token';

const SECRET = 'candidate-token-secret-for-unit-tests-0123456789';
const principal: CandidatePrincipal = { candidateId: 'cand-7f3a9c', email: 'camille.martin@example.org' };

function contextWith(authorization?: string) {
  const request: { headers: Record<string, string>; candidate?: CandidatePrincipal } = {
    headers: authorization === undefined ? {} : { authorization },
  };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  return { context, request };
}

describe('CandidateAuthGuard', () => {
  const sut = new CandidateAuthGuard(SECRET);

  it('accepts a valid bearer token and attaches the candidate to the request', () => {
    const { context, request } = contextWith(`Bearer ${signCandidateToken(principal, SECRET)}`);

    expect(sut.canActivate(context)).toBe(true);
    expect(request.candidate).toEqual(principal);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['an empty bearer', 'Bearer '],
    [
      'a token signed with another secret',
      `Bearer ${signCandidateToken(principal, 'another-secret-0123456789abcdefghij')}`,
    ],
    ['an expired token', `Bearer ${signCandidateToken(principal, SECRET, 60, Date.now() - 120_000)}`],
  ])('refuses %s with UNAUTHENTICATED and attaches nobody', (_, authorization) => {
    const { context, request } = contextWith(authorization);

    expect(() => sut.canActivate(context)).toThrow(AppError);
    expect(request.candidate).toBeUndefined();
  });
});
