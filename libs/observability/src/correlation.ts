import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationStore {
  correlationId: string;
}

const store = new AsyncLocalStorage<CorrelationStore>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** Accept a caller's id only if it is short and plain, so it cannot inject into logs or headers. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function sanitizeCorrelationId(candidate: unknown): string {
  return typeof candidate === 'string' && SAFE_ID.test(candidate) ? candidate : randomUUID();
}

export function runWithCorrelationId<T>(correlationId: string, fn: () => T): T {
  return store.run({ correlationId }, fn);
}

/** The id of the request or message being handled, or a fresh one outside any. */
export function currentCorrelationId(): string {
  return store.getStore()?.correlationId ?? randomUUID();
}

/** The id of the request or message being handled, if any. */
export function activeCorrelationId(): string | undefined {
  return store.getStore()?.correlationId;
}
