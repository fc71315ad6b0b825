import type { ParsedProfile } from '../parsing/build-profile';
import { CvFormat, CvRecord, CvState } from './cv';

export interface NewCv {
  candidateId: string;
  originalName: string;
  format: CvFormat;
  mediaType: string;
  sizeBytes: number;
  storageKey: string;
  flags: string[];
}

export interface ProcessingOutcome {
  state: Exclude<CvState, 'received'>;
  flags: string[];
  /** The extracted text (kept apart, for parsing); absent when none could be read. */
  text?: string;
  /** The anonymised profile and the decisions that built it, when the format could be parsed. */
  parsed?: ParsedProfile;
}

/** Port: candidates' CV records, always scoped by candidate for reads. */
export abstract class CvRepository {
  abstract create(cv: NewCv): Promise<CvRecord>;
  abstract listForCandidate(candidateId: string): Promise<CvRecord[]>;
  /** The CV if it belongs to the candidate; undefined otherwise (callers answer 404 either way). */
  abstract findForCandidate(candidateId: string, cvId: string): Promise<CvRecord | undefined>;
  /**
   * Claims up to `limit` CVs waiting for processing, each under a lease until `leaseUntil`, so
   * replicas share the queue and a crashed worker's CVs are retried after the lease.
   */
  abstract claimReceived(
    limit: number,
    now: Date,
    leaseUntil: Date,
    maxAttempts: number,
  ): Promise<CvRecord[]>;
  /** The CV's parsed profile if the CV is the candidate's and has one. */
  abstract findProfile(candidateId: string, cvId: string): Promise<ParsedProfile | undefined>;
  abstract recordOutcome(cvId: string, outcome: ProcessingOutcome, at: Date): Promise<void>;
}
