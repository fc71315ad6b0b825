import { Client } from '@opensearch-project/opensearch';
import { HealthCheck, HealthCheckResult } from '@vigie/observability';

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
