import { Client, errors } from '@opensearch-project/opensearch';
import { ErrorClassifier } from '@vigie/messaging';
import { HealthCheck, HealthCheckResult } from '@vigie/observability';

export interface SearchSettings {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
}

export function createSearchClient(settings: SearchSettings): Client {
  return new Client({
    node: settings.url,
    ...(settings.username && settings.password
      ? { auth: { username: settings.username, password: settings.password } }
      : {}),
    // Retries belong to the consumer (with backoff and readiness), not hidden in the client.
    maxRetries: 0,
    requestTimeout: 30_000,
  });
}

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

export class SearchHealthCheck implements HealthCheck {
  readonly name = 'opensearch';
  indexReady = false;

  constructor(private readonly client: Client) {}

  async check(): Promise<HealthCheckResult> {
    const { body } = await this.client.cluster.health({ timeout: '2s' });
    if (body.status === 'red') return { up: false, detail: 'cluster status red' };
    if (!this.indexReady) return { up: false, detail: 'offers index not created yet' };
    return { up: true, detail: `cluster ${body.status}` };
  }
}
