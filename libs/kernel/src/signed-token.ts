import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import { DomainError } from './domain-error';

/**
 * Signed, expiring tokens for the links in e-mails (confirm an alert, manage it, one-click
 * unsubscribe). The payload is readable (base64url JSON) but cannot be forged or extended without
 * the secret: `<payload>.<HMAC-SHA256(payload)>`. Each purpose is part of the signed payload, so a
 * "manage" token never works as an "unsubscribe-all" token. Tokens are stateless; a use that must
 * happen once (confirmation) is made idempotent by the state it changes, not by the token.
 */
export interface SignedTokenClaims {
  /** What the token allows, e.g. `alert.confirm`, `alert.manage`, `alert.unsubscribe`. */
  purpose: string;
  /** The subject, e.g. an alert id or a candidate id. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type InvalidTokenReason = 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired';

export class InvalidTokenError extends DomainError<'INVALID_TOKEN'> {
  constructor(readonly reason: InvalidTokenReason) {
    super('INVALID_TOKEN', `the token is ${reason.replace('_', ' ')}`, [{ field: 'token', reason }]);
  }
}

export class SignedTokens {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
  ) {
    if (secret.length < 32) throw new Error('the token secret must be at least 32 characters');
  }

  sign(purpose: string, sub: string, ttlSeconds: number): string {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
    const payload = Buffer.from(JSON.stringify({ purpose, sub, exp })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a valid token for this purpose; throws InvalidTokenError otherwise. */
  verify(token: string, purpose: string): SignedTokenClaims {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined || token.length > 2_000)
      throw new InvalidTokenError('malformed');
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new InvalidTokenError('bad_signature');
    }
    const claims = this.parse(payload);
    if (claims.purpose !== purpose) throw new InvalidTokenError('wrong_purpose');
    if (claims.exp * 1000 <= this.clock.now().getTime()) throw new InvalidTokenError('expired');
    return claims;
  }

  private parse(payload: string): SignedTokenClaims {
    try {
      const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SignedTokenClaims>;
      if (typeof v.purpose === 'string' && typeof v.sub === 'string' && typeof v.exp === 'number') {
        return { purpose: v.purpose, sub: v.sub, exp: v.exp };
      }
    } catch {
      // fall through: a signed but unreadable payload is still malformed
    }
    throw new InvalidTokenError('malformed');
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
