export type SuppressionSource = 'smtp_reply' | 'bounce';

/**
 * Port: addresses that must never be mailed again (a permanent refusal of the relay or a bounce).
 * Addresses are compared normalised (trimmed, lower-case).
 */
export abstract class SuppressionList {
  /** The subset of `addresses` that is suppressed, normalised. */
  abstract suppressedAmong(addresses: readonly string[]): Promise<Set<string>>;
  abstract suppress(address: string, reason: string, source: SuppressionSource): Promise<void>;
}

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}
