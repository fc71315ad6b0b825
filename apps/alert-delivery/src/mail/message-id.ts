import { createHash } from 'node:crypto';

/**
 * The Message-ID of the e-mail of one ledger key: deterministic, so a resend after a crash carries
 * the same one and mail clients fold the two copies.
 */
export function messageIdOf(ledgerKey: string, mailDomain: string): string {
  return `<${createHash('sha256').update(ledgerKey).digest('hex').slice(0, 32)}@${mailDomain}>`;
}
