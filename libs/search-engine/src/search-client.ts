import { Client, errors } from '@opensearch-project/opensearch';
import type { ErrorClassifier } from '@vigie/messaging';

export interface SearchSettings {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
}

export interface SearchClientOptions {
  /**
   * How long one request may take. Writers can wait for a large bulk request (30 s); readers serve
   * a waiting candidate and should fail fast (5 s).
   */
  requestTimeoutMs: number;
}

/**
 * The one OpenSearch client factory of the platform. It never retries by itself: retries belong to
 * one layer of the caller (the consumer's backoff, the candidate's client), not hidden in here.
 */
export function createSearchClient(settings: SearchSettings, options: SearchClientOptions): Client {
  return new Client({
    node: settings.url,
    ...(settings.username && settings.password
      ? { auth: { username: settings.username, password: settings.password } }
      : {}),
    maxRetries: 0,
    requestTimeout: options.requestTimeoutMs,
  });
}

/** The HTTP status of an engine error response, if it is one. */
export function searchStatusOf(error: unknown): number | undefined {
  return error instanceof errors.ResponseError ? (error.meta.statusCode ?? undefined) : undefined;
}

/** Unreachable, overloaded (429) or failing (5xx) search engine: retry later. */
export const searchErrorClassifier: ErrorClassifier = (error) => {
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  ) {
    return 'transient';
  }
  const status = searchStatusOf(error);
  if (status !== undefined && (status === 429 || status >= 500)) return 'transient';
  return undefined;
};
