import { CvRecord } from '../cvs/cv';
import { ProcessingOutcome } from '../cvs/cv.repository';
import { extractCvText } from '../extraction/extract-cv-text';
import { ZipLimits } from '../upload/zip-inspection';
import { CvTextExtractor } from './process-cvs.usecase';

/** The real extractors (pdf.js, mammoth, the ODT reader) in the service's process. */
export class LibraryCvTextExtractor extends CvTextExtractor {
  constructor(private readonly zip: ZipLimits) {
    super();
  }

  extract(bytes: Buffer, cv: CvRecord): Promise<ProcessingOutcome> {
    return extractCvText(bytes, cv.format, this.zip);
  }
}
