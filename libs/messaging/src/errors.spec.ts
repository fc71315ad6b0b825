import { classifyError, ErrorClassifier, errorMessage, PermanentError, TransientError } from './errors';

describe('classifyError', () => {
  it('classifies a TransientError as transient', () => {
    expect(classifyError(new TransientError('broker down'))).toBe('transient');
  });

  it('classifies a PermanentError as permanent', () => {
    expect(classifyError(new PermanentError('impossible state', 'BAD_STATE'))).toBe('permanent');
  });

  it('classifies anything else as unknown when no rule knows it', () => {
    expect(classifyError(new Error('boom'))).toBe('unknown');
    expect(classifyError('a string')).toBe('unknown');
    expect(classifyError(undefined)).toBe('unknown');
  });

  it('asks the service rules, in order, and keeps the first answer', () => {
    const first: ErrorClassifier = jest.fn(() => undefined);
    const second: ErrorClassifier = jest.fn(() => 'transient' as const);
    const third: ErrorClassifier = jest.fn(() => 'permanent' as const);

    const kind = classifyError(new Error('ECONNREFUSED'), [first, second, third]);

    expect(kind).toBe('transient');
    expect(first).toHaveBeenCalledTimes(1);
    expect(third).not.toHaveBeenCalled();
  });

  it('lets the error classes win over the service rules', () => {
    const rule: ErrorClassifier = jest.fn(() => 'permanent' as const);

    expect(classifyError(new TransientError('retry me'), [rule])).toBe('transient');
    expect(classifyError(new PermanentError('park me'), [() => 'transient'])).toBe('permanent');
    expect(rule).not.toHaveBeenCalled();
  });

  it('falls back to unknown when every rule abstains', () => {
    expect(classifyError(new Error('x'), [() => undefined, () => undefined])).toBe('unknown');
  });
});

describe('PermanentError', () => {
  it('carries a reason code, PERMANENT_ERROR by default', () => {
    expect(new PermanentError('x').reasonCode).toBe('PERMANENT_ERROR');
    expect(new PermanentError('x', 'INDEX_REJECTED').reasonCode).toBe('INDEX_REJECTED');
  });

  it('keeps its cause', () => {
    const cause = new Error('root');

    expect(new PermanentError('x', 'CODE', { cause }).cause).toBe(cause);
    expect(new TransientError('y', { cause }).cause).toBe(cause);
  });
});

describe('errorMessage', () => {
  it('prefixes an error message with its name', () => {
    expect(errorMessage(new TransientError('broker down'))).toBe('TransientError: broker down');
    expect(errorMessage(new TypeError('bad'))).toBe('TypeError: bad');
  });

  it('stringifies values that are not errors', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});
