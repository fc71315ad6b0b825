import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { isTransientDatabaseError } from '@vigie/database';
import { currentCorrelationId } from '@vigie/observability';
import { AppError, AppErrorCode, ErrorBody, HTTP_STATUS_OF } from './app-error';

const FROM_HTTP_STATUS: Partial<Record<number, AppErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
};

/** One mapping from errors to HTTP responses; unknown errors are logged and never leak details. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    res.status(status).json(body);
  }

  private toResponse(exception: unknown): { status: number; body: ErrorBody } {
    const correlationId = currentCorrelationId();
    const make = (code: AppErrorCode, message: string, fields?: ErrorBody['error']['fields']) => ({
      status: HTTP_STATUS_OF[code],
      body: { error: { code, message, ...(fields ? { fields } : {}) }, correlationId },
    });
    if (exception instanceof AppError) return make(exception.code, exception.message, exception.fields);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = FROM_HTTP_STATUS[status];
      if (code) return make(code, exception.message);
      // Unmapped statuses keep their status; the message is generic so nothing internal leaks.
      return {
        status,
        body: {
          error: { code: 'INTERNAL', message: status >= 500 ? 'internal error' : 'request refused' },
          correlationId,
        },
      };
    }
    // Errors raised by express' body parser before routing (bad JSON, body too large).
    const raw = exception as { type?: string; status?: number; message?: string };
    if (raw?.type === 'entity.too.large') return make('PAYLOAD_TOO_LARGE', 'request body is too large');
    if (raw?.type === 'entity.parse.failed')
      return make('VALIDATION_FAILED', 'request body is not valid JSON');
    if (raw?.type === 'charset.unsupported' || raw?.type === 'encoding.unsupported') {
      return make(
        'UNSUPPORTED_MEDIA_TYPE',
        'request body charset or encoding is not supported (use UTF-8 JSON)',
      );
    }
    if (isTransientDatabaseError(exception))
      return make('DEPENDENCY_UNAVAILABLE', 'database unavailable; retry later');
    return make('INTERNAL', 'internal error');
  }
}
