import { HttpStatus } from '@nestjs/common';
import type { FieldError } from '@vigie/kernel';

export type { FieldError } from '@vigie/kernel';

/** Every error a client may see, with one HTTP status each. Adding a code without a status fails the build. */
export type AppErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE'
  | 'RATE_LIMITED'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'INTERNAL';

export const HTTP_STATUS_OF: { readonly [C in AppErrorCode]: HttpStatus } = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  /** Well-formed but refused content (a CV archive that fails its checks, an empty file). */
  UNPROCESSABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  DEPENDENCY_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: readonly FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static unauthenticated(message = 'missing or invalid credentials'): AppError {
    return new AppError('UNAUTHENTICATED', message);
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: AppErrorCode; message: string; fields?: readonly FieldError[] };
  correlationId: string;
}
