import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStorage } from './file-storage.port';

const KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Files under `<root>/<first two hex>/<uuid>`, written to a temporary name then renamed, so a
 * crash never leaves a half file under a real key. Files are 0600: only the service reads them.
 */
export class FilesystemFileStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  async put(bytes: Buffer): Promise<string> {
    const key = randomUUID();
    const dir = join(this.root, key.slice(0, 2));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = join(dir, `.${key}.tmp`);
    await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
    await rename(temporary, join(dir, key));
    return key;
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error('invalid storage key');
    return join(this.root, key.slice(0, 2), key);
  }
}
