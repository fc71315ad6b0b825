import { DomainError } from '../domain-error';

/**
 * What an encrypted field carries on a topic, a JSON object: the key's id (a key destroyed and
 * re-created for the same subject gets another one), a random 96-bit IV, the 128-bit GCM tag and
 * the ciphertext, each base64. `v` is the envelope's own version.
 */
export interface SealedEnvelope {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

export type SubjectCipherErrorCode = 'subject-erased' | 'envelope-invalid';

/**
 * `subject-erased`: the subject's key was destroyed (the person was erased), so the data is gone
 * by design: a consumer drops the record, never retries nor dead-letters it.
 * `envelope-invalid`: not an envelope, tampered with, or sealed for another subject — a real fault.
 */
export class SubjectCipherError extends DomainError<SubjectCipherErrorCode> {
  constructor(code: SubjectCipherErrorCode, message: string) {
    super(code, message);
    this.name = 'SubjectCipherError';
  }
}

export function isSubjectErased(error: unknown): error is SubjectCipherError {
  return error instanceof SubjectCipherError && error.code === 'subject-erased';
}

/**
 * Port: crypto-shredding. Personal data about a subject (a candidate, a CV) is encrypted under a
 * key of that subject only; destroying the key makes every copy unreadable at once, wherever it
 * sits (retained Kafka topics, backups), which is how an erasure reaches data it cannot delete.
 */
export abstract class SubjectCipher {
  /** Seals `plaintext` under the subject's key, creating the key on first use. */
  abstract encrypt(subjectId: string, plaintext: string): Promise<SealedEnvelope>;
  /**
   * Opens an envelope sealed by `encrypt` for this subject (its shape checked first: `unknown` in);
   * `subject-erased` once the subject's key is gone, `envelope-invalid` if it does not authenticate.
   */
  abstract decrypt(subjectId: string, envelope: unknown): Promise<string>;
  /**
   * Opens an envelope whose subject the reader does not know (it is itself sealed, e.g. the
   * candidate of a match): the key is found by the envelope's key id, and the subject it was made
   * for is returned with the text. Same errors as `decrypt`.
   */
  abstract open(envelope: unknown): Promise<{ subjectId: string; plaintext: string }>;
  /** Destroys the subjects' keys: what they sealed can never be read again. Returns how many went. */
  abstract destroy(subjectIds: readonly string[]): Promise<number>;
}
