import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';

/**
 * Decompresses every entry of an archive (already checked by `inspectZipDirectory`) into nothing,
 * counting bytes: yauzl fails an entry that inflates beyond its declared size, and the total is
 * capped, so an archive that lies in its directory never reaches the extractor.
 */
export async function verifyZipContents(bytes: Buffer, maxTotalBytes: number): Promise<void> {
  await eachEntry(bytes, async (_name, stream) => {
    let total = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxTotalBytes) {
        stream.destroy();
        throw new Error(`an entry inflates beyond ${maxTotalBytes} bytes`);
      }
    }
  });
}

/** One entry's bytes, at most `maxBytes` (undefined when the archive has no such entry). */
export async function readZipEntry(
  bytes: Buffer,
  entryName: string,
  maxBytes: number,
): Promise<Buffer | undefined> {
  let found: Buffer | undefined;
  await eachEntry(bytes, async (name, stream) => {
    if (name !== entryName) {
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        stream.destroy();
        throw new Error(`${entryName} is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
    found = Buffer.concat(chunks);
  });
  return found;
}

async function eachEntry(
  bytes: Buffer,
  visit: (name: string, stream: Readable) => Promise<void>,
): Promise<void> {
  const zip = await yauzl.fromBufferPromise(bytes, {
    lazyEntries: true,
    validateEntrySizes: true,
    strictFileNames: true,
    autoClose: false,
  });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      await visit(entry.fileName, await zip.openReadStreamPromise(entry));
    }
  } finally {
    zip.close();
  }
}
