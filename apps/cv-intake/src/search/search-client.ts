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
    // Retries belong to the consumer (backoff, readiness) or to the recruiter's client, not the library.
    maxRetries: 0,
    requestTimeout: 10_000,
  });
}

/** Unreachable, overloaded (429) or failing (5xx) engine: the consumer retries later. */
export const searchErrorClassifier: ErrorClassifier = (error) => {
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  ) {
    return 'transient';
  }
  const status = error instanceof errors.ResponseError ? error.meta.statusCode : undefined;
  if (typeof status === 'number' && (status === 429 || status >= 500)) return 'transient';
  return undefined;
};

export class CvSearchHealthCheck implements HealthCheck {
  readonly name = 'opensearch';
  indexReady = false;

  constructor(private readonly client: Client) {}

  async check(): Promise<HealthCheckResult> {
    const { body } = await this.client.cluster.health({ timeout: '2s' });
    if (body.status === 'red') return { up: false, detail: 'cluster status red' };
    if (!this.indexReady) return { up: false, detail: 'cvs index not created yet' };
    return { up: true, detail: `cluster ${body.status}` };
  }
}
