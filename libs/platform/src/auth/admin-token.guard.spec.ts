import { ExecutionContext } from '@nestjs/common';
import { AppError } from '../http/app-error';
import { AdminTokenGuard } from './admin-token.guard';

const TOKEN = 'admin-token-for-unit-tests-0123456789';

const contextWith = (headers: Record<string, unknown>) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers }) }) }) as unknown as ExecutionContext;

describe('AdminTokenGuard', () => {
  const sut = new AdminTokenGuard(TOKEN);

  it('lets a request with the right x-admin-token through', () => {
    expect(sut.canActivate(contextWith({ 'x-admin-token': TOKEN }))).toBe(true);
  });

  it.each([
    ['missing', {}],
    ['wrong', { 'x-admin-token': `${TOKEN}x` }],
    ['a prefix of the token', { 'x-admin-token': TOKEN.slice(0, 10) }],
    ['empty', { 'x-admin-token': '' }],
    ['repeated (array)', { 'x-admin-token': [TOKEN, TOKEN] }],
  ])('refuses a request whose token is %s with UNAUTHENTICATED', (_, headers) => {
    expect(() => sut.canActivate(contextWith(headers))).toThrow(AppError);
    try {
      sut.canActivate(contextWith(headers));
    } catch (e) {
      expect((e as AppError).code).toBe('UNAUTHENTICATED');
    }
  });
});
