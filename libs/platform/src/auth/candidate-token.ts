import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Candidates sign in on the job board; its identity service issues them a short-lived HS256 JWT
 * that Vigie verifies with a shared secret. The e-mail in the token is verified by the board, so a
 * candidate can only create alerts for their own address.
 */
export interface CandidatePrincipal {
  candidateId: string;
  email: string;
}

const ClaimsSchema = z.object({
  sub: z.string().min(1).max(100),
  email: z.email(),
  email_verified: z.literal(true),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  aud: z.literal('vigie'),
});

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export function signCandidateToken(
  principal: CandidatePrincipal,
  secret: string,
  ttlSeconds = 3_600,
  now = Date.now(),
): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const iat = Math.floor(now / 1000);
  const payload = b64url(
    JSON.stringify({
      sub: principal.candidateId,
      email: principal.email,
      email_verified: true,
      aud: 'vigie',
      iat,
      exp: iat + ttlSeconds,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Returns the principal, or undefined for any token that is malformed, forged, expired or not for us. */
export function verifyCandidateToken(
  token: string,
  secret: string,
  now = Date.now(),
): CandidatePrincipal | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (head.alg !== 'HS256') return undefined;
    const claims = ClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!claims.success || claims.data.exp * 1000 <= now) return undefined;
    // Issued in the future (beyond a minute of clock skew): forged or from a broken clock.
    if (claims.data.iat !== undefined && claims.data.iat * 1000 > now + 60_000) return undefined;
    return { candidateId: claims.data.sub, email: claims.data.email.toLowerCase() };
  } catch {
    return undefined;
  }
}
