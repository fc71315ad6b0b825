import type { Client } from '@opensearch-project/opensearch';
import type { HealthCheck, HealthCheckResult } from '@vigie/observability';

/**
 * Readiness of a service that owns an index: the cluster answers (not red) and the service's
 * index exists. `indexReady` is set by `IndexPreparation` once the index has been created.
 */
export class IndexHealthCheck implements HealthCheck {
  readonly name = 'opensearch';
  indexReady = false;

  constructor(
    private readonly client: Client,
    /** Named in the detail while the index is missing, e.g. « offers ». */
    private readonly indexLabel: string,
  ) {}

  async check(): Promise<HealthCheckResult> {
    const { body } = await this.client.cluster.health({ timeout: '2s' });
    if (body.status === 'red') return { up: false, detail: 'cluster status red' };
    if (!this.indexReady) return { up: false, detail: `${this.indexLabel} index not created yet` };
    return { up: true, detail: `cluster ${body.status}` };
  }
}
