import type { Readable } from 'node:stream';

/**
 * Port: where an import's decompressed body waits for its worker (a file storage: local disk
 * today, an object store later). Written once, read any number of times (a resumed job reads
 * it again), removed when the job is done with it.
 */
export abstract class ImportSpool {
  /** Stores the whole stream; resolves with the bytes written. Leaves nothing behind on failure. */
  abstract write(jobId: string, body: Readable): Promise<number>;
  abstract open(jobId: string): Readable;
  abstract remove(jobId: string): Promise<void>;
}
