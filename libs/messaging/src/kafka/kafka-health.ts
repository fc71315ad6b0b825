import { HealthCheck, HealthCheckResult } from '@vigie/observability';
import { KafkaConnection } from './kafka-connection';

/** Kafka is ready when the cluster answers a metadata request and our topics exist. */
export class KafkaHealthCheck implements HealthCheck {
  readonly name = 'kafka';
  topicsReady = false;

  constructor(
    private readonly connection: KafkaConnection,
    readonly critical: boolean,
  ) {}

  async check(): Promise<HealthCheckResult> {
    const admin = await this.connection.admin();
    const cluster = await admin.describeCluster();
    if (!this.topicsReady) return { up: false, detail: 'topics not provisioned yet' };
    return { up: true, detail: `${cluster.brokers.length} broker(s)` };
  }
}
