import { errors } from '@opensearch-project/opensearch';
import { createSearchClient, searchErrorClassifier, searchStatusOf } from './search-client';

const responseError = (statusCode: number) =>
  new errors.ResponseError({
    body: { error: { type: 'x' } },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });

describe('search client helpers', () => {
  it('reads the status of an engine response error and nothing else', () => {
    expect(searchStatusOf(responseError(409))).toBe(409);
    expect(searchStatusOf(new Error('boom'))).toBeUndefined();
  });

  it.each([429, 500, 503])('treats a %i from the engine as transient', (status) => {
    expect(searchErrorClassifier(responseError(status))).toBe('transient');
  });

  it('treats an unreachable engine as transient', () => {
    expect(searchErrorClassifier(new errors.ConnectionError('refused'))).toBe('transient');
  });

  it('leaves a 400 (mapping error) to the other classifiers', () => {
    expect(searchErrorClassifier(responseError(400))).toBeUndefined();
  });

  it('builds a client for the given node without retries', () => {
    const sut = createSearchClient({ url: 'http://127.0.0.1:1' }, { requestTimeoutMs: 1_000 });
    expect(sut.connectionPool.connections[0]?.url.href).toBe('http://127.0.0.1:1/');
  });
});
