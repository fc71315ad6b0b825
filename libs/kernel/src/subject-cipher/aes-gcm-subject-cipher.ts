import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { SealedEnvelope, SubjectCipher, SubjectCipherError } from './subject-cipher.port';
import { SubjectKeyStore } from './subject-key-store.port';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
// IVs are cut from a pool of CSPRNG bytes refilled 4 KiB at a time (as node:crypto's randomUUID
// does): one call into OpenSSL per 341 seals instead of one per seal, the hottest cost of sealing
// a view. Each byte is handed out once; the view returned is used at once, before any refill.
const IV_POOL = Buffer.alloc(IV_BYTES * 341);
let ivPoolOffset = IV_POOL.length;

function freshIv(): Buffer {
  if (ivPoolOffset + IV_BYTES > IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivPoolOffset = 0;
  }
  ivPoolOffset += IV_BYTES;
  return IV_POOL.subarray(ivPoolOffset - IV_BYTES, ivPoolOffset);
}

/**
 * AES-256-GCM on node:crypto. The subject id is the additional authenticated data, so an envelope
 * copied onto another subject's record fails to open instead of decrypting under the wrong name.
 */
export class AesGcmSubjectCipher extends SubjectCipher {
  constructor(private readonly keys: SubjectKeyStore) {
    super();
  }

  async encrypt(subjectId: string, plaintext: string): Promise<SealedEnvelope> {
    const { keyId, key } = await this.keys.keyFor(subjectId);
    return sealWith(key, keyId, subjectId, plaintext);
  }

  async decrypt(subjectId: string, envelope: unknown): Promise<string> {
    const sealed = parseEnvelope(envelope);
    const key = await this.keys.existingKey(subjectId);
    // A key re-created after an erasure has another id: what the old one sealed stays unreadable.
    if (!key || key.keyId !== sealed.kid) {
      throw new SubjectCipherError('subject-erased', 'the subject was erased: its key is destroyed');
    }
    return openWith(key.key, sealed, subjectId);
  }

  async open(envelope: unknown): Promise<{ subjectId: string; plaintext: string }> {
    const sealed = parseEnvelope(envelope);
    const key = await this.keys.keyById(sealed.kid);
    if (!key) throw new SubjectCipherError('subject-erased', 'the subject was erased: its key is destroyed');
    return { subjectId: key.subjectId, plaintext: openWith(key.key, sealed, key.subjectId) };
  }

  destroy(subjectIds: readonly string[]): Promise<number> {
    return this.keys.destroy(subjectIds);
  }
}

/** Seals with a given key (also used to wrap data keys under a master key). */
export function sealWith(
  key: Buffer,
  keyId: string,
  aad: string,
  plaintext: string | Buffer,
): SealedEnvelope {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    v: 1,
    kid: keyId,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

export function openWith(key: Buffer, sealed: SealedEnvelope, aad: string): string {
  return openBytesWith(key, sealed, aad).toString('utf8');
}

export function openBytesWith(key: Buffer, sealed: SealedEnvelope, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  } catch {
    throw new SubjectCipherError(
      'envelope-invalid',
      'the envelope does not authenticate (tampered, or another key or subject)',
    );
  }
}

/** Checks the envelope's shape before any crypto, so a malformed one is named, not a crash. */
export function parseEnvelope(value: unknown): SealedEnvelope {
  const e = value as Partial<Record<keyof SealedEnvelope, unknown>> | null;
  const b64 = (x: unknown, bytes?: number): boolean =>
    typeof x === 'string' &&
    B64.test(x) &&
    (bytes === undefined || Buffer.from(x, 'base64').length === bytes);
  if (
    e === null ||
    typeof e !== 'object' ||
    e.v !== 1 ||
    typeof e.kid !== 'string' ||
    e.kid.length === 0 ||
    !b64(e.iv, IV_BYTES) ||
    !b64(e.tag, TAG_BYTES) ||
    !b64(e.ct)
  ) {
    throw new SubjectCipherError(
      'envelope-invalid',
      'the envelope lacks v=1, kid, a 12-byte iv, a 16-byte tag or ct',
    );
  }
  return e as SealedEnvelope;
}
