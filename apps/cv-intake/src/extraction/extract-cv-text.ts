import mammoth from 'mammoth';
import { CvFormat } from '../cvs/cv';
import { ProcessingOutcome } from '../cvs/cv.repository';
import { detectCvFormat } from '../upload/detect-cv-format';
import { inspectZipDirectory, ZipLimits } from '../upload/zip-inspection';
import { extractOdtText } from './odt-text';
import { extractPdfText, pdfFlags } from './pdf-text';
import { verifyZipContents } from './zip-reading';

/** Largest text kept from one CV (a CV is a few pages; the rest is noise or an attack). */
const MAX_TEXT_CHARS = 200_000;

/**
 * Text of a stored CV by its detected format. The original is re-checked (its format and, for ZIP
 * formats, the directory and the real inflated sizes) before any extractor sees it. DOCX goes
 * through mammoth, which never runs macros nor reads external files (`externalFileAccess` off).
 */
export async function extractCvText(
  bytes: Buffer,
  format: CvFormat,
  zipLimits: ZipLimits,
): Promise<ProcessingOutcome> {
  const detected = await detectCvFormat(bytes);
  if (detected.format !== format) return { state: 'failed', flags: ['format_changed'] };
  switch (format) {
    case 'pdf': {
      const flags = pdfFlags(bytes);
      const pdf = await extractPdfText(bytes);
      if (pdf.kind === 'not_extractable')
        return { state: 'text_not_extractable', flags: [...flags, `pdf_${pdf.reason}`].sort() };
      return { state: 'parsed', flags, text: pdf.text.slice(0, MAX_TEXT_CHARS) };
    }
    case 'docx':
    case 'odt': {
      const { flags } = await inspectZipDirectory(bytes, zipLimits);
      await verifyZipContents(bytes, zipLimits.maxUncompressedBytes);
      const text =
        format === 'docx'
          ? (await mammoth.extractRawText({ buffer: bytes })).value
          : await extractOdtText(bytes, zipLimits.maxUncompressedBytes);
      const trimmed = text.trim();
      if (trimmed.length === 0) return { state: 'text_not_extractable', flags: [...flags, 'no_text'].sort() };
      return { state: 'parsed', flags, text: trimmed.slice(0, MAX_TEXT_CHARS) };
    }
    case 'text':
    case 'json-resume':
      return { state: 'parsed', flags: [], text: (detected.text ?? '').slice(0, MAX_TEXT_CHARS) };
  }
}
