import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { CvError } from '../cvs/cv-errors';
import { cvAppError } from '../cvs/cv-http-errors';
import { UPLOAD_LIMITS, type UploadLimits } from './upload-cv.usecase';

/** The multipart field holding the CV. */
export const CV_FILE_FIELD = 'file';

/**
 * Reads one multipart file into memory with hard limits (size, one file, few parts: F8) before the
 * controller runs; every multer refusal becomes a coded CV error.
 */
@Injectable()
export class MultipartCvInterceptor implements NestInterceptor {
  private readonly parse: (req: Request, res: Response, next: (err?: unknown) => void) => void;

  constructor(@Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: limits.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1_024, headerPairs: 50 },
    }).single(CV_FILE_FIELD);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      this.parse(http.getRequest<Request>(), http.getResponse<Response>(), (err?: unknown) =>
        err ? reject(cvAppError(this.refusal(err))) : resolve(),
      );
    });
    return next.handle();
  }

  private refusal(err: unknown): CvError {
    if (!(err instanceof multer.MulterError)) {
      return new CvError('CV_FILE_MISSING', 'the request is not a readable multipart form', [
        { field: CV_FILE_FIELD, reason: (err as Error).message ?? 'malformed multipart body' },
      ]);
    }
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new CvError('CV_FILE_TOO_LARGE', `a CV is at most ${this.limits.maxBytes} bytes`, [
          { field: CV_FILE_FIELD, reason: err.code },
        ]);
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
      case 'LIMIT_PART_COUNT':
        return new CvError('CV_TOO_MANY_FILES', `send exactly one file, in the "${CV_FILE_FIELD}" field`, [
          { field: err.field ?? CV_FILE_FIELD, reason: err.code },
        ]);
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_FIELD_KEY':
      case 'LIMIT_FIELD_VALUE':
      case 'MISSING_FIELD_NAME':
        return new CvError('CV_FILE_MISSING', 'the multipart form is refused', [
          { field: err.field ?? CV_FILE_FIELD, reason: err.code },
        ]);
    }
  }
}
