import { Client } from '@opensearch-project/opensearch';
import { HealthCheck, HealthCheckResult } from '@vigie/observability';

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
