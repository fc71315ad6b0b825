import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys look like `vk_<12 hex>_<43 base64url>`. The first part finds the account, the whole key
 * is compared by its SHA-256 (a 256-bit random secret needs no slow hash). Only the hash is stored.
 */
export interface IssuedApiKey {
  key: string;
  prefix: string;
  hash: Buffer;
}

const FORMAT = /^vk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function issueApiKey(): IssuedApiKey {
  const prefix = randomBytes(6).toString('hex');
  const key = `vk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export function apiKeyPrefix(key: string): string | undefined {
  return FORMAT.exec(key)?.[1];
}
