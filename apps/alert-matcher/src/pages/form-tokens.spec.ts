import { FakeClock, SignedTokens } from '@vigie/kernel';
import { FormTokens } from './form-tokens';

describe('FormTokens', () => {
  const clock = new FakeClock('2026-12-01T08:00:00Z');
  const sut = new FormTokens(new SignedTokens('a-test-secret-that-is-long-enough-0123456789', clock));
  const ALERT = '7c0f1e2d-1111-4000-8000-000000000001';

  it('accepts the token of the same form, subject and version', () => {
    expect(sut.accepts(sut.issue('manage', ALERT, 3), 'manage', ALERT, 3)).toBe(true);
  });

  it('refuses a token of another version, form or subject, a missing one and garbage', () => {
    const token = sut.issue('manage', ALERT, 3);
    expect(sut.accepts(token, 'manage', ALERT, 4)).toBe(false);
    expect(sut.accepts(token, 'confirm', ALERT, 3)).toBe(false);
    expect(sut.accepts(token, 'manage', 'another-alert', 3)).toBe(false);
    expect(sut.accepts(undefined, 'manage', ALERT, 3)).toBe(false);
    expect(sut.accepts('nope', 'manage', ALERT, 3)).toBe(false);
  });

  it('refuses a token older than two hours', () => {
    const token = sut.issue('unsubscribe-all', 'cand-1');
    clock.advance(2 * 3600_000);
    expect(sut.accepts(token, 'unsubscribe-all', 'cand-1')).toBe(false);
  });
});
