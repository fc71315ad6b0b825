import { Admin, Kafka, Producer } from 'kafkajs';
import { TransientError } from '../errors';

/**
 * Owns the service's Kafka client, one idempotent producer and one admin client. Connections are
 * opened lazily and re-opened after a failure, so a service can start while Kafka is down.
 */
export class KafkaConnection {
  private producerReady: Promise<Producer> | undefined;
  private adminReady: Promise<Admin> | undefined;
  private closed = false;

  constructor(readonly kafka: Kafka) {}

  producer(): Promise<Producer> {
    this.assertOpen();
    this.producerReady ??= this.open(
      () => {
        // acks=all with idempotence: broker-side dedup of producer retries, order kept per partition.
        const producer = this.kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
        });
        return producer.connect().then(() => producer);
      },
      () => (this.producerReady = undefined),
    );
    return this.producerReady;
  }

  admin(): Promise<Admin> {
    this.assertOpen();
    this.adminReady ??= this.open(
      () => {
        const admin = this.kafka.admin();
        return admin.connect().then(() => admin);
      },
      () => (this.adminReady = undefined),
    );
    return this.adminReady;
  }

  /** Forget a connection that failed so the next call opens a fresh one. */
  resetProducer(): void {
    const current = this.producerReady;
    this.producerReady = undefined;
    void current?.then((p) => p.disconnect()).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const pending: Array<Promise<Producer | Admin>> = [];
    if (this.producerReady) pending.push(this.producerReady);
    if (this.adminReady) pending.push(this.adminReady);
    this.producerReady = this.adminReady = undefined;
    await Promise.all(pending.map((p) => p.then((c) => c.disconnect()).catch(() => undefined)));
  }

  private open<T>(connect: () => Promise<T>, onFailure: () => void): Promise<T> {
    return connect().catch((e: unknown) => {
      onFailure();
      throw new TransientError(`Kafka unreachable: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new TransientError('Kafka connection is closed (service shutting down)');
  }
}
