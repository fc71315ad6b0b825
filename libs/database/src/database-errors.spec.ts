import { isTransientDatabaseError } from './database-errors';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it.each(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300', '57014'])(
    'treats SQLSTATE %s as transient',
    (code) => {
      expect(isTransientDatabaseError(pgError(code))).toBe(true);
    },
  );

  it.each(['08000', '08003', '08006', '08P01'])(
    'treats every connection exception (class 08, here %s) as transient',
    (code) => {
      expect(isTransientDatabaseError(pgError(code))).toBe(true);
    },
  );

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])(
    'treats the network error %s as transient',
    (code) => {
      expect(isTransientDatabaseError(pgError(code, `connect ${code}`))).toBe(true);
    },
  );

  it.each(['23505', '23503', '42P01', '22P02', '42601'])(
    'treats SQLSTATE %s (a bug or bad data) as not transient',
    (code) => {
      expect(isTransientDatabaseError(pgError(code, 'duplicate key value violates unique constraint'))).toBe(
        false,
      );
    },
  );

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'the database system is starting up',
  ])('recognises the driver message %p without a code', (message) => {
    expect(isTransientDatabaseError(new Error(message))).toBe(true);
  });

  it('looks through a TypeORM error at the driver error it wraps', () => {
    const wrapped = Object.assign(new Error('QueryFailedError: deadlock'), {
      code: '23505',
      driverError: pgError('40P01'),
    });
    const wrappedPermanent = Object.assign(new Error('Connection terminated'), {
      driverError: pgError('23505', 'duplicate key'),
    });

    expect(isTransientDatabaseError(wrapped)).toBe(true);
    expect(isTransientDatabaseError(wrappedPermanent)).toBe(false);
  });

  it('treats an unknown error as not transient', () => {
    expect(isTransientDatabaseError(new Error('Cannot read properties of undefined'))).toBe(false);
  });

  it('treats values that are not errors as not transient', () => {
    expect(isTransientDatabaseError({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isTransientDatabaseError('ECONNREFUSED')).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
  });
});
