import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const SECRET = 'unsubscribe-secret-for-unit-tests-0123456789';
const ALERT = 'c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d';
const OTHER_ALERT = 'c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0e';

describe('unsubscribeToken', () => {
  it('is deterministic, so the mailer and the alert service agree without sharing state', () => {
    expect(unsubscribeToken(ALERT, SECRET)).toBe(unsubscribeToken(ALERT, SECRET));
  });

  it('is URL-safe (base64url, no padding)', () => {
    expect(unsubscribeToken(ALERT, SECRET)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('differs from one alert to another and from one secret to another', () => {
    const token = unsubscribeToken(ALERT, SECRET);

    expect(unsubscribeToken(OTHER_ALERT, SECRET)).not.toBe(token);
    expect(unsubscribeToken(ALERT, `${SECRET}x`)).not.toBe(token);
  });
});

describe('verifyUnsubscribeToken', () => {
  it('accepts the token of the alert', () => {
    expect(verifyUnsubscribeToken(ALERT, unsubscribeToken(ALERT, SECRET), SECRET)).toBe(true);
  });

  it('rejects the token of another alert', () => {
    expect(verifyUnsubscribeToken(OTHER_ALERT, unsubscribeToken(ALERT, SECRET), SECRET)).toBe(false);
  });

  it('rejects a token made with another secret', () => {
    expect(
      verifyUnsubscribeToken(ALERT, unsubscribeToken(ALERT, 'someone-else-secret-0123456789abcdef'), SECRET),
    ).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['truncated', unsubscribeToken(ALERT, SECRET).slice(0, -1)],
    ['extended', `${unsubscribeToken(ALERT, SECRET)}A`],
    ['multi-byte', 'é'.repeat(43)],
  ])('rejects a %s token without throwing', (_, token) => {
    expect(verifyUnsubscribeToken(ALERT, token, SECRET)).toBe(false);
  });
});
