import { FakeClock } from './clock';
import { InvalidTokenError, SignedTokens } from './signed-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof InvalidTokenError ? e.reason : 'other';
  }
  return undefined;
}

describe('SignedTokens', () => {
  const clock = new FakeClock('2026-12-01T08:00:00Z');
  const tokens = new SignedTokens(SECRET, clock);

  it('verifies its own token for the same purpose', () => {
    const t = tokens.sign('alert.manage', 'alert-1', 3600);
    expect(tokens.verify(t, 'alert.manage')).toMatchObject({ purpose: 'alert.manage', sub: 'alert-1' });
  });

  it('refuses another purpose, a forged payload, another secret, expiry and garbage', () => {
    const t = tokens.sign('alert.manage', 'alert-1', 3600);
    expect(reasonOf(() => tokens.verify(t, 'alert.unsubscribe'))).toBe('wrong_purpose');
    const [, mac] = t.split('.');
    const forged = Buffer.from(
      JSON.stringify({ purpose: 'alert.manage', sub: 'alert-2', exp: 9e9 }),
    ).toString('base64url');
    expect(reasonOf(() => tokens.verify(`${forged}.${mac}`, 'alert.manage'))).toBe('bad_signature');
    expect(reasonOf(() => new SignedTokens(`${SECRET}x`, clock).verify(t, 'alert.manage'))).toBe(
      'bad_signature',
    );
    expect(reasonOf(() => tokens.verify('nope', 'alert.manage'))).toBe('malformed');
    expect(reasonOf(() => tokens.verify(`${t}.x`, 'alert.manage'))).toBe('malformed');
    clock.advance(3600_000);
    expect(reasonOf(() => tokens.verify(t, 'alert.manage'))).toBe('expired');
  });

  it('refuses a short secret', () => {
    expect(() => new SignedTokens('short', clock)).toThrow(/at least 32/);
  });
});
