import { Client } from '@opensearch-project/opensearch';
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
    // A candidate waits: fail fast and let the client retry, rather than queue behind a slow engine.
    maxRetries: 0,
    requestTimeout: 5_000,
  });
}

/** Ready when the engine answers and the alias the indexer maintains exists. */
export class SearchReadHealthCheck implements HealthCheck {
  readonly name = 'opensearch';

  constructor(
    private readonly client: Client,
    private readonly alias: string,
  ) {}

  async check(): Promise<HealthCheckResult> {
    const { body } = await this.client.cluster.health({ timeout: '2s' });
    if (body.status === 'red') return { up: false, detail: 'cluster status red' };
    const exists = await this.client.indices.existsAlias({ name: this.alias });
    if (!exists.body) return { up: false, detail: `alias ${this.alias} not created yet (offer-indexer)` };
    return { up: true, detail: `cluster ${body.status}` };
  }
}
