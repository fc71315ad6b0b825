import { createHash } from 'node:crypto';
import { DomainError } from '../domain-error';
import { openBytesWith, parseEnvelope, sealWith } from './aes-gcm-subject-cipher';

/**
 * How a data key is stored: wrapped under a master key from the environment (envelope
 * encryption: a copy of the key table alone opens nothing), or as is (`PlainDataKeys`, the
 * Postgres-only edition, where the database's own access control is the only barrier).
 */
export abstract class DataKeyWrapper {
  /** Recorded with each key, so a key wrapped under another master is named, not garbage. */
  abstract readonly id: string;
  abstract wrap(key: Buffer, subjectId: string): Buffer;
  abstract unwrap(stored: Buffer, subjectId: string): Buffer;
}

export class PlainDataKeys extends DataKeyWrapper {
  readonly id = 'none';
  wrap(key: Buffer): Buffer {
    return key;
  }
  unwrap(stored: Buffer): Buffer {
    return stored;
  }
}

export class MasterKeyWrapper extends DataKeyWrapper {
  readonly id: string;

  constructor(private readonly master: Buffer) {
    super();
    if (master.length !== 32) throw new Error('a master key is 32 bytes');
    // Names the master without revealing it: the first 8 bytes of its SHA-256.
    this.id = `aes-256-gcm:${createHash('sha256').update(master).digest('hex').slice(0, 16)}`;
  }

  wrap(key: Buffer, subjectId: string): Buffer {
    return Buffer.from(JSON.stringify(sealWith(this.master, this.id, subjectId, key)), 'utf8');
  }

  unwrap(stored: Buffer, subjectId: string): Buffer {
    let sealed: unknown;
    try {
      sealed = JSON.parse(stored.toString('utf8'));
    } catch {
      sealed = undefined; // parseEnvelope names it
    }
    return openBytesWith(this.master, parseEnvelope(sealed), subjectId);
  }
}

/**
 * The wrapper for a variable's value: unset or empty → plain keys; else 32 bytes in base64
 * (`openssl rand -base64 32`). A wrong value fails at boot, naming the variable, never showing it.
 */
export function dataKeyWrapperFromEnv(variable: string, value: string | undefined): DataKeyWrapper {
  if (value === undefined || value.trim() === '') return new PlainDataKeys();
  const bytes = Buffer.from(value.trim(), 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim()) || bytes.length !== 32) {
    throw new DomainError(
      'CONFIG_INVALID',
      `${variable} must be 32 bytes in base64 (openssl rand -base64 32)`,
      [{ field: variable, reason: 'not 32 bytes of base64' }],
    );
  }
  return new MasterKeyWrapper(bytes);
}
