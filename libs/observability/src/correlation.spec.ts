import {
  activeCorrelationId,
  currentCorrelationId,
  runWithCorrelationId,
  sanitizeCorrelationId,
} from './correlation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sanitizeCorrelationId', () => {
  it.each(['0f8fad5b-d9cb-469f-a165-70867728950e', 'req-42', 'svc.a:b_c-d', 'A'])(
    'accepts the plain id %s as it is',
    (id) => {
      expect(sanitizeCorrelationId(id)).toBe(id);
    },
  );

  it('accepts an id of exactly 100 characters', () => {
    const id = 'a'.repeat(100);

    expect(sanitizeCorrelationId(id)).toBe(id);
  });

  it.each([
    ['a CRLF (header or log injection)', 'abc\r\nSet-Cookie: x=1'],
    ['a lone LF', 'abc\ndef'],
    ['spaces', 'abc def'],
    ['quotes and braces', '"},{"level":"fatal'],
    ['101 characters', 'a'.repeat(101)],
    ['an empty string', ''],
    ['non-ASCII letters', 'corrélation'],
  ])('replaces an id with %s by a fresh uuid', (_, id) => {
    const result = sanitizeCorrelationId(id);

    expect(result).not.toBe(id);
    expect(result).toMatch(UUID);
  });

  it.each([[undefined], [null], [42], [['a', 'b']], [{ id: 'x' }]])(
    'replaces a non-string value (%p) by a fresh uuid',
    (value) => {
      expect(sanitizeCorrelationId(value)).toMatch(UUID);
    },
  );

  it('generates a different id each time it has to', () => {
    expect(sanitizeCorrelationId(undefined)).not.toBe(sanitizeCorrelationId(undefined));
  });
});

describe('runWithCorrelationId', () => {
  it('exposes no active id outside any request or message', () => {
    expect(activeCorrelationId()).toBeUndefined();
  });

  it('exposes the id to the code it runs and returns that code’s result', () => {
    const result = runWithCorrelationId('outer', () => activeCorrelationId());

    expect(result).toBe('outer');
  });

  it('lets an inner scope shadow the outer one and restores the outer one afterwards', () => {
    const seen: Array<string | undefined> = [];

    runWithCorrelationId('outer', () => {
      seen.push(activeCorrelationId());
      runWithCorrelationId('inner', () => seen.push(activeCorrelationId()));
      seen.push(activeCorrelationId());
    });
    seen.push(activeCorrelationId());

    expect(seen).toEqual(['outer', 'inner', 'outer', undefined]);
  });

  it('follows asynchronous continuations, and keeps concurrent scopes apart', async () => {
    const later = (id: string, ms: number) =>
      runWithCorrelationId(id, async () => {
        await new Promise((r) => setTimeout(r, ms));
        await Promise.resolve();
        return activeCorrelationId();
      });

    const result = await Promise.all([later('first', 5), later('second', 1)]);

    expect(result).toEqual(['first', 'second']);
  });
});

describe('currentCorrelationId', () => {
  it('returns the active id inside a scope', () => {
    expect(runWithCorrelationId('req-7', () => currentCorrelationId())).toBe('req-7');
  });

  it('returns a fresh uuid outside any scope, different each time', () => {
    const first = currentCorrelationId();

    expect(first).toMatch(UUID);
    expect(currentCorrelationId()).not.toBe(first);
  });
});
