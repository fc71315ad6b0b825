/**
 * Port: where original CVs are kept. Keys are chosen by the storage (random), never derived from
 * anything the candidate sent. The filesystem adapter is the default; an S3-compatible one is the
 * path to scale.
 */
export abstract class FileStorage {
  /** Stores the bytes and returns their new random key. */
  abstract put(bytes: Buffer): Promise<string>;
  abstract get(key: string): Promise<Buffer>;
  /** Idempotent: deleting a missing key is not an error (erasure may be replayed). */
  abstract delete(key: string): Promise<void>;
}
