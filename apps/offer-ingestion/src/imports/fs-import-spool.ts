import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImportSpool } from './import-spool.port';

/** ImportSpool on a local directory: `<dir>/<jobId>.feed`, written as `.part` then renamed. */
export class FsImportSpool extends ImportSpool {
  constructor(private readonly dir: string) {
    super();
  }

  async write(jobId: string, body: Readable): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const part = `${this.path(jobId)}.part`;
    try {
      await pipeline(body, createWriteStream(part));
      await rename(part, this.path(jobId));
    } catch (e) {
      await rm(part, { force: true });
      throw e;
    }
    return (await stat(this.path(jobId))).size;
  }

  open(jobId: string): Readable {
    return createReadStream(this.path(jobId), { highWaterMark: 256 * 1024 });
  }

  async remove(jobId: string): Promise<void> {
    await rm(this.path(jobId), { force: true });
  }

  private path(jobId: string): string {
    // Job ids are UUIDs chosen by the database; the check keeps any other value out of the path.
    if (!/^[0-9a-f-]{36}$/i.test(jobId)) throw new Error(`not a job id: ${jobId}`);
    return join(this.dir, `${jobId}.feed`);
  }
}
