import { CvRecord, MEDIA_TYPE_OF } from '../cvs/cv';
import { CvRepository } from '../cvs/cv.repository';
import { FileStorage } from '../storage/file-storage.port';
import { detectCvFormat } from './detect-cv-format';
import { sanitiseFileName } from './file-name';
import { inspectZipDirectory, ZipLimits } from './zip-inspection';

export interface UploadCvCommand {
  candidateId: string;
  bytes: Buffer;
  /** As sent by the client: sanitised and kept as metadata only. */
  fileName: string | undefined;
}

export const UPLOAD_LIMITS = Symbol('UPLOAD_LIMITS');
export interface UploadLimits {
  maxBytes: number;
  zip: ZipLimits;
}

/**
 * Accepts a CV: what is cheap and decisive is checked here (type by content, the central directory
 * of ZIP-based formats, the JSON Resume schema), then the original is stored under a random key and
 * the row waits for the worker, which extracts and parses it (the request never waits for a parse).
 */
export class UploadCvUseCase {
  constructor(
    private readonly cvs: CvRepository,
    private readonly storage: FileStorage,
    private readonly limits: UploadLimits,
  ) {}

  async execute(command: UploadCvCommand): Promise<CvRecord> {
    const detected = await detectCvFormat(command.bytes);
    const flags: string[] = [];
    if (detected.format === 'docx' || detected.format === 'odt') {
      flags.push(...(await inspectZipDirectory(command.bytes, this.limits.zip)).flags);
    }
    const storageKey = await this.storage.put(command.bytes);
    try {
      return await this.cvs.create({
        candidateId: command.candidateId,
        originalName: sanitiseFileName(command.fileName),
        format: detected.format,
        mediaType: MEDIA_TYPE_OF[detected.format],
        sizeBytes: command.bytes.length,
        storageKey,
        flags,
      });
    } catch (e) {
      // No orphan file when the row cannot be written.
      await this.storage.delete(storageKey).catch(() => undefined);
      throw e;
    }
  }
}
