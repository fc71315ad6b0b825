import { createHmac } from 'node:crypto';
import { signCandidateToken, verifyCandidateToken } from './candidate-token';

const SECRET = 'candidate-token-secret-for-unit-tests-0123456789';
const NOW = Date.parse('2026-11-28T09:00:00.000Z');
const principal = { candidateId: 'cand-7f3a9c', email: 'camille.martin@example.org' };

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Signs arbitrary header and claims with HS256, as a forger holding (or not) the secret would. */
function forge(header: unknown, claims: unknown, secret = SECRET): string {
  const head = b64url(header);
  const body = b64url(claims);
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

const validClaims = () => ({
  sub: principal.candidateId,
  email: principal.email,
  email_verified: true,
  aud: 'vigie',
  iat: Math.floor(NOW / 1000),
  exp: Math.floor(NOW / 1000) + 3_600,
});

describe('signCandidateToken / verifyCandidateToken', () => {
  it('verifies a token it signed and returns the principal', () => {
    const signed = signCandidateToken(principal, SECRET, 3_600, NOW);

    expect(signed.split('.')).toHaveLength(3);
    expect(verifyCandidateToken(signed, SECRET, NOW + 1_000)).toEqual(principal);
  });

  it('signs HS256 JWT claims the job board also understands', () => {
    const [header, payload] = signCandidateToken(principal, SECRET, 600, NOW).split('.') as [
      string,
      string,
      string,
    ];

    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      sub: 'cand-7f3a9c',
      email: 'camille.martin@example.org',
      email_verified: true,
      aud: 'vigie',
      iat: NOW / 1000,
      exp: NOW / 1000 + 600,
    });
  });

  it('returns the e-mail in lower case, so one address is one recipient', () => {
    const token = forge(
      { alg: 'HS256', typ: 'JWT' },
      { ...validClaims(), email: 'Camille.Martin@Example.ORG' },
    );

    expect(verifyCandidateToken(token, SECRET, NOW)?.email).toBe('camille.martin@example.org');
  });

  it('rejects a token whose payload was tampered with', () => {
    const [header, , signature] = signCandidateToken(principal, SECRET, 3_600, NOW).split('.') as [
      string,
      string,
      string,
    ];
    const otherPayload = b64url({ ...validClaims(), email: 'attacker@evil.tld' });

    expect(verifyCandidateToken(`${header}.${otherPayload}.${signature}`, SECRET, NOW)).toBeUndefined();
  });

  it('rejects a token whose signature was altered', () => {
    const token = signCandidateToken(principal, SECRET, 3_600, NOW);
    const last = token.at(-1) === 'A' ? 'B' : 'A';

    expect(verifyCandidateToken(`${token.slice(0, -1)}${last}`, SECRET, NOW)).toBeUndefined();
  });

  it('rejects a token signed with another secret', () => {
    const token = signCandidateToken(principal, 'another-secret-entirely-0123456789abcdef', 3_600, NOW);

    expect(verifyCandidateToken(token, SECRET, NOW)).toBeUndefined();
  });

  it('rejects an expired token, from the second of its expiry on', () => {
    const token = signCandidateToken(principal, SECRET, 60, NOW);

    expect(verifyCandidateToken(token, SECRET, NOW + 59_999)).toEqual(principal);
    expect(verifyCandidateToken(token, SECRET, NOW + 60_000)).toBeUndefined();
    expect(verifyCandidateToken(token, SECRET, NOW + 86_400_000)).toBeUndefined();
  });

  it('rejects an unsigned token (alg none)', () => {
    const head = b64url({ alg: 'none', typ: 'JWT' });
    const body = b64url(validClaims());

    expect(verifyCandidateToken(`${head}.${body}.`, SECRET, NOW)).toBeUndefined();
  });

  it('rejects a header announcing another algorithm even when the HMAC matches', () => {
    expect(verifyCandidateToken(forge({ alg: 'none' }, validClaims()), SECRET, NOW)).toBeUndefined();
    expect(verifyCandidateToken(forge({ alg: 'HS512' }, validClaims()), SECRET, NOW)).toBeUndefined();
  });

  it('rejects a token whose e-mail was not verified by the board', () => {
    const { email_verified: _, ...withoutFlag } = validClaims();

    expect(verifyCandidateToken(forge({ alg: 'HS256' }, withoutFlag), SECRET, NOW)).toBeUndefined();
    expect(
      verifyCandidateToken(forge({ alg: 'HS256' }, { ...validClaims(), email_verified: false }), SECRET, NOW),
    ).toBeUndefined();
    expect(
      verifyCandidateToken(
        forge({ alg: 'HS256' }, { ...validClaims(), email_verified: 'true' }),
        SECRET,
        NOW,
      ),
    ).toBeUndefined();
  });

  it('rejects a token meant for another audience', () => {
    expect(
      verifyCandidateToken(forge({ alg: 'HS256' }, { ...validClaims(), aud: 'other-app' }), SECRET, NOW),
    ).toBeUndefined();
  });

  it('rejects claims that are incomplete or invalid', () => {
    const { exp: _, ...withoutExp } = validClaims();

    expect(verifyCandidateToken(forge({ alg: 'HS256' }, withoutExp), SECRET, NOW)).toBeUndefined();
    expect(
      verifyCandidateToken(forge({ alg: 'HS256' }, { ...validClaims(), email: 'not-an-email' }), SECRET, NOW),
    ).toBeUndefined();
    expect(
      verifyCandidateToken(forge({ alg: 'HS256' }, { ...validClaims(), sub: '' }), SECRET, NOW),
    ).toBeUndefined();
  });

  it.each([
    ['an empty string', ''],
    ['two parts', 'abc.def'],
    ['four parts', 'a.b.c.d'],
    ['garbage', 'not a token at all'],
  ])('rejects a malformed token (%s) without throwing', (_, token) => {
    expect(verifyCandidateToken(token, SECRET, NOW)).toBeUndefined();
  });

  it('rejects a correctly signed token whose parts are not JSON, without throwing', () => {
    expect(verifyCandidateToken(forge('not-json{', validClaims()), SECRET, NOW)).toBeUndefined();
    expect(verifyCandidateToken(forge({ alg: 'HS256' }, 'not-json{'), SECRET, NOW)).toBeUndefined();
    expect(verifyCandidateToken(forge({ alg: 'HS256' }, 'null'), SECRET, NOW)).toBeUndefined();
  });
});
