import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-click unsubscribe links (RFC 8058) carry the alert id and an HMAC of it, so the link works
 * without signing in and cannot be forged for another alert. Both the mailer (which writes the
 * link) and the alert service (which honours it) hold the secret.
 */
export function unsubscribeToken(alertId: string, secret: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${alertId}`).digest('base64url');
}

export function verifyUnsubscribeToken(alertId: string, token: string, secret: string): boolean {
  const expected = Buffer.from(unsubscribeToken(alertId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
