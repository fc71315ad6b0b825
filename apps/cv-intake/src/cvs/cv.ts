/** The formats accepted, decided by content (magic bytes, structure), never by name or declared type. */
export const CV_FORMATS = ['pdf', 'docx', 'odt', 'text', 'json-resume'] as const;
export type CvFormat = (typeof CV_FORMATS)[number];

export const MEDIA_TYPE_OF: Readonly<Record<CvFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  text: 'text/plain; charset=utf-8',
  'json-resume': 'application/json',
};

/**
 * `received`: stored, waiting for the worker; `parsed`: text extracted (and profile built);
 * `text_not_extractable`: kept, but no text could be read (encrypted or image-only PDF);
 * `failed`: the extractor refused the document (corrupt structure).
 */
export const CV_STATES = ['received', 'parsed', 'text_not_extractable', 'failed'] as const;
export type CvState = (typeof CV_STATES)[number];

export interface CvRecord {
  id: string;
  candidateId: string;
  /** Sanitised, metadata only: never used as a path or key. */
  originalName: string;
  format: CvFormat;
  mediaType: string;
  sizeBytes: number;
  storageKey: string;
  state: CvState;
  /** Security-relevant features seen in the file (PDF JavaScript, macros, external links…). */
  flags: string[];
  anonymised: boolean;
  createdAt: string;
  processedAt: string | null;
}

/** What the candidate sees of one CV. */
export interface CvStatusView {
  id: string;
  originalName: string;
  format: CvFormat;
  mediaType: string;
  sizeBytes: number;
  state: CvState;
  flags: string[];
  anonymised: boolean;
  createdAt: string;
  processedAt: string | null;
}

export function statusView(cv: CvRecord): CvStatusView {
  return {
    id: cv.id,
    originalName: cv.originalName,
    format: cv.format,
    mediaType: cv.mediaType,
    sizeBytes: cv.sizeBytes,
    state: cv.state,
    flags: cv.flags,
    anonymised: cv.anonymised,
    createdAt: cv.createdAt,
    processedAt: cv.processedAt,
  };
}
