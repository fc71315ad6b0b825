import {
  ArgumentsHost,
  BadRequestException,
  ConflictException,
  HttpStatus,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
} from '@nestjs/common';
import { runWithCorrelationId } from '@vigie/observability';
import type { Logger } from 'pino';
import { AppError, AppErrorCode, ErrorBody, HTTP_STATUS_OF } from './app-error';
import { HttpExceptionFilter } from './exception.filter';

/** An express response and Nest host reduced to what the filter uses. */
function fakeHost() {
  const sent: { status?: number; body?: ErrorBody } = {};
  interface FakeResponse {
    status: jest.Mock<FakeResponse, [number]>;
    json: jest.Mock<FakeResponse, [ErrorBody]>;
  }
  const res: FakeResponse = {
    status: jest.fn((code: number) => {
      sent.status = code;
      return res;
    }),
    json: jest.fn((body: ErrorBody) => {
      sent.body = body;
      return res;
    }),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }),
  } as unknown as ArgumentsHost;
  return { host, sent, res };
}

function makeSut() {
  const logger = { error: jest.fn(), warn: jest.fn(), info: jest.fn() };
  const sut = new HttpExceptionFilter(logger as unknown as Logger);
  return { sut, logger };
}

function respond(exception: unknown) {
  const { sut, logger } = makeSut();
  const { host, sent } = fakeHost();
  runWithCorrelationId('corr-filter-1', () => sut.catch(exception, host));
  return { status: sent.status, body: sent.body!, logger };
}

describe('HttpExceptionFilter', () => {
  it.each(Object.entries(HTTP_STATUS_OF) as Array<[AppErrorCode, HttpStatus]>)(
    'answers an AppError %s with status %s',
    (code, status) => {
      const { status: sent, body } = respond(new AppError(code, `message for ${code}`));

      expect(sent).toBe(status);
      expect(body).toEqual({
        error: { code, message: `message for ${code}` },
        correlationId: 'corr-filter-1',
      });
    },
  );

  it('includes the field errors of an AppError', () => {
    const fields = [
      { field: 'offers[3].location.postalCode', reason: 'must be a 5-digit French postal code' },
    ];

    const { status, body } = respond(new AppError('VALIDATION_FAILED', 'invalid request body', fields));

    expect(status).toBe(400);
    expect(body.error.fields).toEqual(fields);
  });

  it('omits the fields property when there are none', () => {
    expect(respond(AppError.notFound('offer')).body.error).not.toHaveProperty('fields');
  });

  it('maps Nest HTTP exceptions to the matching code', () => {
    expect(respond(new NotFoundException('Cannot GET /nope'))).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect(respond(new BadRequestException('bad'))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    expect(respond(new UnauthorizedException())).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(respond(new PayloadTooLargeException())).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE' } },
    });
  });

  it('maps a Nest ConflictException to CONFLICT, the code of status 409', () => {
    expect(respond(new ConflictException('already exists'))).toMatchObject({
      status: 409,
      body: { error: { code: 'CONFLICT' } },
    });
  });

  it('answers 413 when the body parser finds the body too large', () => {
    const error = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      expose: true,
    });

    const { status, body, logger } = respond(error);

    expect(status).toBe(413);
    expect(body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('answers 400 when the body parser cannot parse the JSON', () => {
    const error = Object.assign(new SyntaxError('Unexpected token } in JSON at position 12'), {
      type: 'entity.parse.failed',
      status: 400,
    });

    const { status, body } = respond(error);

    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'VALIDATION_FAILED', message: 'request body is not valid JSON' });
  });

  it('answers 415 when the body parser refuses the charset of the body', () => {
    const error = Object.assign(new Error('unsupported charset "LATIN1"'), {
      type: 'charset.unsupported',
      status: 415,
      charset: 'latin1',
    });

    const { status, body } = respond(error);

    expect(status).toBe(415);
    expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 503 on a transient database error, so clients retry', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

    const { status, body, logger } = respond(error);

    expect(status).toBe(503);
    expect(body.error).toEqual({
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'database unavailable; retry later',
    });
    expect(body.error.message).not.toContain('127.0.0.1');
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('answers 503 on a TypeORM error wrapping a transient driver error', () => {
    const driverError = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const error = Object.assign(new Error('QueryFailedError'), { driverError });

    expect(respond(error).status).toBe(503);
  });

  it('answers 500 on an unknown error without leaking its message, and logs it', () => {
    const error = new Error('password authentication failed for user "vigie" at db-prod-1');

    const { status, body, logger } = respond(error);

    expect(status).toBe(500);
    expect(body).toEqual({
      error: { code: 'INTERNAL', message: 'internal error' },
      correlationId: 'corr-filter-1',
    });
    expect(JSON.stringify(body)).not.toContain('password');
    expect(logger.error).toHaveBeenCalledWith({ err: error }, 'request failed');
  });

  it('answers 500 on something thrown that is not even an error', () => {
    expect(respond('a string').status).toBe(500);
    expect(respond(null).status).toBe(500);
    expect(respond(undefined).body.error.code).toBe('INTERNAL');
  });

  it('does not log client errors as server errors', () => {
    expect(respond(new AppError('VALIDATION_FAILED', 'bad')).logger.error).not.toHaveBeenCalled();
    expect(respond(AppError.unauthenticated()).logger.error).not.toHaveBeenCalled();
  });

  it('puts the correlation id of the request in the body', () => {
    const { sut } = makeSut();
    const { host, sent } = fakeHost();

    runWithCorrelationId('req-abc', () => sut.catch(AppError.notFound('alert'), host));

    expect(sent.body?.correlationId).toBe('req-abc');
  });
});
