import * as yauzl from 'yauzl';
import { CvError } from '../cvs/cv-errors';

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Highest declared uncompressed/compressed ratio of one large entry (bombs are ~1000:1). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1_000,
  maxUncompressedBytes: 100 * 1_048_576,
  maxRatio: 200,
};

export interface ZipDirectory {
  entries: string[];
  uncompressedBytes: number;
  /** Parts the extractor ignores but the candidate should know about (macros, OLE, remote links). */
  flags: string[];
}

const ZIP64_LOCATOR = Buffer.from([0x50, 0x4b, 0x06, 0x07]);
/** Entries below this size may compress well (XML); the ratio check is for the big ones. */
const RATIO_FLOOR_BYTES = 1_048_576;

function refuse(reason: string): CvError {
  return new CvError('CV_ARCHIVE_REFUSED', `the document's archive is refused: ${reason}`, [
    { field: 'file', reason },
  ]);
}

/** A name that could escape a directory or confuse a tool: refused, never "cleaned". */
function unsafeEntryName(name: string): string | undefined {
  if (name.length === 0 || name.length > 512) return 'an entry name is empty or too long';
  // eslint-disable-next-line no-control-regex -- control characters in names are exactly what is refused
  if (/[\u0000-\u001f\\]/.test(name))
    return `entry name ${JSON.stringify(name)} has a control character or a backslash`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name))
    return `entry name ${JSON.stringify(name)} is absolute`;
  if (name.split('/').some((part) => part === '..'))
    return `entry name ${JSON.stringify(name)} climbs out (..)`;
  return undefined;
}

/**
 * Reads only the central directory (and each local header, to compare): declared sizes, entry count
 * and names are checked before anything is decompressed. ZIP64 is refused: no CV needs 4 GiB entries,
 * and its extra fields are where local and central sizes are made to disagree.
 */
export async function inspectZipDirectory(bytes: Buffer, limits: ZipLimits): Promise<ZipDirectory> {
  const tail = bytes.subarray(Math.max(0, bytes.length - 65_557 - 20));
  if (tail.includes(ZIP64_LOCATOR)) throw refuse('ZIP64 archives are not accepted');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: true,
      autoClose: false,
    });
  } catch (e) {
    throw refuse(`not a readable archive (${(e as Error).message})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw refuse(`the archive declares ${zip.entryCount} entries (at most ${limits.maxEntries})`);
    }
    const entries: string[] = [];
    const flags = new Set<string>();
    const seen = new Set<string>();
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        const bad = unsafeEntryName(name);
        if (bad) throw refuse(bad);
        if (seen.has(name)) throw refuse(`entry name ${JSON.stringify(name)} appears twice`);
        seen.add(name);
        if (entry.isEncrypted()) throw refuse('the archive has encrypted entries');
        total += entry.uncompressedSize;
        if (entry.uncompressedSize > limits.maxUncompressedBytes || total > limits.maxUncompressedBytes) {
          throw refuse(
            `the archive declares ${total} uncompressed bytes (at most ${limits.maxUncompressedBytes})`,
          );
        }
        if (
          entry.uncompressedSize > RATIO_FLOOR_BYTES &&
          entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
        ) {
          throw refuse(
            `entry ${JSON.stringify(name)} declares a compression ratio above ${limits.maxRatio}:1`,
          );
        }
        const local = await zip.readLocalFileHeaderPromise(entry);
        // Names are compared when plain ASCII (the encodings of others may differ legitimately).
        if (/^[\x20-\x7e]*$/.test(name) && local.fileName.toString('latin1') !== name) {
          throw refuse(`entry ${JSON.stringify(name)} has another name in its local header`);
        }
        const deferredSizes = (local.generalPurposeBitFlag & 0x8) !== 0;
        if (
          !deferredSizes &&
          (local.compressedSize !== entry.compressedSize || local.uncompressedSize !== entry.uncompressedSize)
        ) {
          throw refuse(`entry ${JSON.stringify(name)} has different sizes in its local and central headers`);
        }
        entries.push(name);
        if (/vbaProject\.bin$|\/vbaData\.xml$/i.test(name)) flags.add('macros_ignored');
        if (/(^|\/)embeddings\/|oleObject/i.test(name) || /^Object \d+\//.test(name))
          flags.add('embedded_objects_ignored');
        if (/^Basic\/|^Scripts\//.test(name)) flags.add('macros_ignored');
      }
    } catch (e) {
      if (e instanceof CvError) throw e;
      throw refuse(`the central directory is inconsistent (${(e as Error).message})`);
    }
    return { entries, uncompressedBytes: total, flags: [...flags].sort() };
  } finally {
    zip.close();
  }
}
