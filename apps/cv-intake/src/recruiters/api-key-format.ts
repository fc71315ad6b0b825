import { createHash } from 'node:crypto';

/**
 * offer-ingestion's key format, `vk_<12 hex>_<43 base64url>`: the prefix finds the account, the
 * SHA-256 of the whole key proves it (the only form the projection holds).
 */
const FORMAT = /^vk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function apiKeyPrefix(key: string): string | undefined {
  return FORMAT.exec(key)?.[1];
}

export function apiKeySha256(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
