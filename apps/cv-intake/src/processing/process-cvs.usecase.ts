import { Clock } from '@vigie/kernel';
import type { Logger } from 'pino';
import type { CommuneDirectory } from '../cv-search/commune-directory.port';
import { CvRecord } from '../cvs/cv';
import { CvRepository, ProcessingOutcome } from '../cvs/cv.repository';
import { profileFromJsonResume } from '../parsing/build-profile';
import { profileFromText } from '../parsing/free-text-profile';
import { FileStorage } from '../storage/file-storage.port';
import { parseJsonResume } from '../upload/json-resume';
import { ZipLimits } from '../upload/zip-inspection';

/** Port: turns a stored original into text (the real one runs the extractors; tests may fake it). */
export abstract class CvTextExtractor {
  abstract extract(bytes: Buffer, cv: CvRecord): Promise<ProcessingOutcome>;
}

export interface ProcessingSettings {
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
  zip: ZipLimits;
}

/**
 * The background step after an upload: claims waiting CVs, extracts their text and records the
 * state. A document the extractors refuse (corrupt, lying archive, timeout) ends `failed`, never
 * retried forever; an infrastructure error leaves the lease to expire so the CV is tried again.
 */
export class ProcessCvsUseCase {
  constructor(
    private readonly cvs: CvRepository,
    private readonly storage: FileStorage,
    private readonly extractor: CvTextExtractor,
    private readonly clock: Clock,
    private readonly settings: ProcessingSettings,
    private readonly logger: Logger,
    private readonly communes?: CommuneDirectory,
  ) {}

  /** Processes one batch; returns how many CVs were handled. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.cvs.claimReceived(
      this.settings.batchSize,
      now,
      new Date(now.getTime() + this.settings.leaseMs),
      this.settings.maxAttempts,
    );
    for (const cv of claimed) {
      const bytes = await this.storage.get(cv.storageKey);
      const outcome = await this.extractWithin(bytes, cv);
      await this.cvs.recordOutcome(cv.id, outcome, this.clock.now());
      this.logger.info(
        { cvId: cv.id, format: cv.format, state: outcome.state, flags: outcome.flags },
        'cv processed',
      );
    }
    return claimed.length;
  }

  private async extractWithin(bytes: Buffer, cv: CvRecord): Promise<ProcessingOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ProcessingOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ state: 'failed', flags: [...cv.flags, 'extraction_timeout'] }),
        this.settings.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.extractOrFail(bytes, cv), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async extractOrFail(bytes: Buffer, cv: CvRecord): Promise<ProcessingOutcome> {
    try {
      const outcome = await this.extractor.extract(bytes, cv);
      // JSON Resume is read by its schema; the other formats' text by its sections.
      if (cv.format === 'json-resume' && outcome.text !== undefined) {
        outcome.parsed = profileFromJsonResume(
          parseJsonResume(outcome.text),
          this.clock.now(),
          this.communes,
        );
      } else if (outcome.state === 'parsed' && outcome.text !== undefined) {
        outcome.parsed = profileFromText(outcome.text, this.clock.now(), this.communes);
      }
      return { ...outcome, flags: [...new Set([...cv.flags, ...outcome.flags])].sort() };
    } catch (e) {
      // The document itself is at fault: say so without logging its content.
      this.logger.warn(
        { cvId: cv.id, format: cv.format, err: (e as Error).name },
        'cv extraction refused the document',
      );
      return { state: 'failed', flags: [...cv.flags, 'extraction_failed'] };
    }
  }
}
