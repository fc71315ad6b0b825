import { createHash } from 'node:crypto';
import { apiKeyPrefix, hashApiKey, issueApiKey } from './api-key';

describe('issueApiKey', () => {
  it('issues keys shaped vk_<12 hex>_<43 base64url>', () => {
    const issued = issueApiKey();

    expect(issued.key).toMatch(/^vk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  });

  it('exposes the prefix that is embedded in the key', () => {
    const issued = issueApiKey();

    expect(issued.prefix).toMatch(/^[0-9a-f]{12}$/);
    expect(issued.key.startsWith(`vk_${issued.prefix}_`)).toBe(true);
    expect(apiKeyPrefix(issued.key)).toBe(issued.prefix);
  });

  it('stores only the SHA-256 of the whole key', () => {
    const issued = issueApiKey();

    expect(issued.hash).toEqual(createHash('sha256').update(issued.key).digest());
    expect(issued.hash).toHaveLength(32);
  });

  it('never issues the same key or prefix twice', () => {
    const keys = Array.from({ length: 50 }, () => issueApiKey());

    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(50);
  });
});

describe('hashApiKey', () => {
  it('is deterministic and differs from one key to another', () => {
    const key = issueApiKey().key;

    expect(hashApiKey(key).equals(hashApiKey(key))).toBe(true);
    expect(hashApiKey(key).equals(hashApiKey(`${key.slice(0, -1)}x`))).toBe(false);
  });
});

describe('apiKeyPrefix', () => {
  const secret = 'A'.repeat(43);

  it('extracts the prefix of a well-formed key', () => {
    expect(apiKeyPrefix(`vk_0123456789ab_${secret}`)).toBe('0123456789ab');
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', `xk_0123456789ab_${secret}`],
    ['an upper-case prefix', `vk_0123456789AB_${secret}`],
    ['a short prefix', `vk_0123456789a_${secret}`],
    ['a short secret', `vk_0123456789ab_${'A'.repeat(42)}`],
    ['a long secret', `vk_0123456789ab_${'A'.repeat(44)}`],
    ['a forbidden character', `vk_0123456789ab_${'A'.repeat(42)}+`],
    ['a trailing newline', `vk_0123456789ab_${secret}\n`],
    ['leading text', ` vk_0123456789ab_${secret}`],
  ])('returns undefined for %s', (_, key) => {
    expect(apiKeyPrefix(key)).toBeUndefined();
  });
});
