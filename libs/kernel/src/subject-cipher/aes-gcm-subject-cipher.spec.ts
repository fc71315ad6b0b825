import { InMemorySubjectKeyStore } from '@vigie/testing/unit';
import { FakeClock } from '../clock';
import { AesGcmSubjectCipher } from './aes-gcm-subject-cipher';
import { CachedSubjectKeyStore } from './cached-subject-key-store';
import { dataKeyWrapperFromEnv, MasterKeyWrapper, PlainDataKeys } from './data-key-wrapper';
import { isSubjectErased, SealedEnvelope, SubjectCipherError } from './subject-cipher.port';

function newTestCipher() {
  const keys = new InMemorySubjectKeyStore();
  return { sut: new AesGcmSubjectCipher(keys), keys };
}

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof SubjectCipherError ? e.code : `not a SubjectCipherError: ${String(e)}`),
  );

describe('AesGcmSubjectCipher', () => {
  it('round-trips text, with a fresh 96-bit IV and a 128-bit tag each time', async () => {
    const { sut } = newTestCipher();
    const a = await sut.encrypt('cand-1', 'Société Générale — Île-de-France');
    const b = await sut.encrypt('cand-1', 'Société Générale — Île-de-France');
    expect(await sut.decrypt('cand-1', a)).toBe('Société Générale — Île-de-France');
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(a.kid).toBe(b.kid);
    expect(JSON.stringify(a)).not.toContain('Société');
  });

  it('never hands out an IV twice, across refills of its pool of random bytes', async () => {
    const { sut } = newTestCipher();
    const sealed = await Promise.all(Array.from({ length: 1_000 }, (_, i) => sut.encrypt('cand-1', `n${i}`)));

    expect(new Set(sealed.map((e) => e.iv)).size).toBe(1_000);
    await expect(Promise.all(sealed.map((e) => sut.decrypt('cand-1', e)))).resolves.toEqual(
      Array.from({ length: 1_000 }, (_, i) => `n${i}`),
    );
  });

  it('refuses a tampered ciphertext, tag or IV', async () => {
    const { sut } = newTestCipher();
    const sealed = await sut.encrypt('cand-1', 'Acme');
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64');
    };
    for (const field of ['ct', 'tag', 'iv'] as const) {
      const tampered: SealedEnvelope = { ...sealed, [field]: flip(sealed[field]) };
      expect(await codeOf(sut.decrypt('cand-1', tampered))).toBe('envelope-invalid');
    }
  });

  it('refuses an envelope moved onto another subject (the subject is authenticated data)', async () => {
    const { sut, keys } = newTestCipher();
    const sealed = await sut.encrypt('cand-1', 'Acme');
    // Give cand-2 the very same key: only the authenticated subject id differs.
    keys.keys.set('cand-2', keys.keys.get('cand-1')!);
    expect(await codeOf(sut.decrypt('cand-2', sealed))).toBe('envelope-invalid');
  });

  it('refuses an envelope under a wrong key with the right key id', async () => {
    const { sut, keys } = newTestCipher();
    const sealed = await sut.encrypt('cand-1', 'Acme');
    const { keyId } = keys.keys.get('cand-1')!;
    keys.keys.set('cand-1', { keyId, key: Buffer.alloc(32, 7) });
    expect(await codeOf(sut.decrypt('cand-1', sealed))).toBe('envelope-invalid');
  });

  it('answers subject-erased once the key is destroyed, and after a new key is made for the subject', async () => {
    const { sut } = newTestCipher();
    const sealed = await sut.encrypt('cand-1', 'Acme');
    expect(await sut.destroy(['cand-1', 'never-seen'])).toBe(1);
    const error = await sut.decrypt('cand-1', sealed).catch((e: unknown) => e);
    expect(isSubjectErased(error)).toBe(true);
    await sut.encrypt('cand-1', 'new data after the erasure');
    expect(await codeOf(sut.decrypt('cand-1', sealed))).toBe('subject-erased');
  });

  it('opens an envelope by its key id alone, naming the subject it was sealed for', async () => {
    const { sut } = newTestCipher();
    const sealed = await sut.encrypt('cand-7', '{"candidateId":"cand-7"}');
    expect(await sut.open(sealed)).toEqual({ subjectId: 'cand-7', plaintext: '{"candidateId":"cand-7"}' });
    await sut.destroy(['cand-7']);
    expect(await codeOf(sut.open(sealed))).toBe('subject-erased');
  });

  it('names a malformed envelope instead of crashing', async () => {
    const { sut } = newTestCipher();
    await sut.encrypt('cand-1', 'Acme');
    for (const bad of [null, 'Acme', { v: 2 }, { v: 1, kid: 'k', iv: 'AAAA', tag: 'AAAA', ct: '' }]) {
      expect(await codeOf(sut.decrypt('cand-1', bad))).toBe('envelope-invalid');
    }
  });
});

describe('CachedSubjectKeyStore', () => {
  function newTestCache(maxEntries = 2, ttlMs = 1_000) {
    const inner = new InMemorySubjectKeyStore();
    const clock = new FakeClock();
    return { sut: new CachedSubjectKeyStore(inner, clock, { maxEntries, ttlMs }), inner, clock };
  }

  it('serves repeated uses from memory until the TTL passes', async () => {
    const { sut, inner, clock } = newTestCache();
    const key = await sut.keyFor('a');
    expect(await sut.existingKey('a')).toBe(key);
    expect(inner.reads).toBe(1);
    clock.advance(1_000);
    await sut.existingKey('a');
    expect(inner.reads).toBe(2);
  });

  it('keeps at most maxEntries, evicting the least recently used', async () => {
    const { sut, inner } = newTestCache(2);
    await sut.keyFor('a');
    await sut.keyFor('b');
    await sut.existingKey('a'); // a is now the most recent
    await sut.keyFor('c'); // evicts b
    expect(sut.size).toBe(2);
    inner.reads = 0;
    await sut.existingKey('a');
    await sut.existingKey('b');
    expect(inner.reads).toBe(1);
  });

  it('evicts on destroy, so the destroyed key is never served from memory, by subject or by id', async () => {
    const { sut } = newTestCache();
    const { keyId } = await sut.keyFor('a');
    expect((await sut.keyById(keyId))?.subjectId).toBe('a');
    expect(await sut.destroy(['a'])).toBe(1);
    expect(await sut.existingKey('a')).toBeUndefined();
    expect(await sut.keyById(keyId)).toBeUndefined();
  });

  it('serves a key by its id from memory once seen', async () => {
    const { sut, inner } = newTestCache();
    const { keyId } = await sut.keyFor('a');
    inner.reads = 0;
    expect(await sut.keyById(keyId)).toMatchObject({ subjectId: 'a', keyId });
    expect(inner.reads).toBe(0);
  });
});

describe('data key wrapping', () => {
  it('wraps under the master key and opens only for the same subject', () => {
    const sut = new MasterKeyWrapper(Buffer.alloc(32, 3));
    const key = Buffer.alloc(32, 9);
    const stored = sut.wrap(key, 'cand-1');
    expect(stored.includes(key)).toBe(false);
    expect(sut.unwrap(stored, 'cand-1').equals(key)).toBe(true);
    expect(() => sut.unwrap(stored, 'cand-2')).toThrow(SubjectCipherError);
    expect(() => new MasterKeyWrapper(Buffer.alloc(32, 4)).unwrap(stored, 'cand-1')).toThrow(
      SubjectCipherError,
    );
  });

  it('reads the master key from the environment, naming the variable when it is wrong', () => {
    expect(dataKeyWrapperFromEnv('SUBJECT_KEYS_MASTER_KEY', undefined)).toBeInstanceOf(PlainDataKeys);
    expect(
      dataKeyWrapperFromEnv('SUBJECT_KEYS_MASTER_KEY', Buffer.alloc(32, 1).toString('base64')),
    ).toBeInstanceOf(MasterKeyWrapper);
    expect(() => dataKeyWrapperFromEnv('SUBJECT_KEYS_MASTER_KEY', 'c2hvcnQ=')).toThrow(
      /SUBJECT_KEYS_MASTER_KEY/,
    );
  });
});
