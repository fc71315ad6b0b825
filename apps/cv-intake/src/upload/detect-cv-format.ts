import { fileTypeFromBuffer } from 'file-type';
import { CvFormat } from '../cvs/cv';
import { CvError } from '../cvs/cv-errors';
import { JsonResume, parseJsonResume } from './json-resume';

/** Below this a file cannot be a CV in any accepted format (the smallest valid PDF is larger). */
export const MIN_CV_BYTES = 16;

export interface DetectedCv {
  format: CvFormat;
  /** For text and JSON Resume: the decoded document (BOM removed). */
  text?: string;
  resume?: JsonResume;
}

const ZIP_FORMATS: Readonly<Record<string, CvFormat>> = { docx: 'docx', docm: 'docx', odt: 'odt' };

function unsupported(what: string): CvError {
  return new CvError(
    'CV_UNSUPPORTED_TYPE',
    `the file's content is ${what}; accepted: PDF, DOCX, ODT, UTF-8 text, JSON Resume`,
    [{ field: 'file', reason: `content detected as ${what}` }],
  );
}

/** Strict UTF-8 with no control characters except tab, newlines and form feed. */
function decodeText(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  // Control characters other than tab, LF, CR and form feed mark binary content.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

/**
 * The format is decided by content alone (F6, F7): magic bytes through `file-type`, then, for
 * what has none, strict UTF-8 text, which is a JSON Resume when it parses as JSON. The name and the
 * declared content type are never consulted.
 */
export async function detectCvFormat(bytes: Buffer): Promise<DetectedCv> {
  if (bytes.length < MIN_CV_BYTES) {
    throw new CvError('CV_FILE_EMPTY', `the file has ${bytes.length} bytes: too small to be a CV`, [
      { field: 'file', reason: `at least ${MIN_CV_BYTES} bytes are needed` },
    ]);
  }
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    if (detected.ext === 'pdf') return { format: 'pdf' };
    const zipFormat = ZIP_FORMATS[detected.ext];
    if (zipFormat) return { format: zipFormat };
    throw unsupported(`${detected.mime} (${detected.ext})`);
  }
  const text = decodeText(bytes);
  if (text === undefined) {
    throw new CvError('CV_TEXT_NOT_UTF8', 'the file has no known signature and is not UTF-8 text', [
      { field: 'file', reason: 'unknown binary content or text that is not valid UTF-8' },
    ]);
  }
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  // Markup is not a CV format here, and is refused rather than read as text (HTML polyglots).
  if (/^<(?:!doctype|html|head|body|script|svg|\?xml)/i.test(start)) throw unsupported('markup (HTML/XML)');
  if (start.startsWith('{') || start.startsWith('[')) {
    return { format: 'json-resume', text: body, resume: parseJsonResume(body) };
  }
  return { format: 'text', text: body };
}
