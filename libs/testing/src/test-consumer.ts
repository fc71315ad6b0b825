import type { INestApplication, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KafkaSettings, MessagingModule, startKafkaTransport } from '@vigie/messaging';
import { FaultInjector, HealthModule, MetricsModule } from '@vigie/observability';
import pino from 'pino';

export interface TestConsumerOptions {
  /** The test infrastructure's brokers (`testInfra().kafkaBrokers`). */
  brokers: string;
  /** The spec's own topic prefix, so its topics are its own. */
  topicPrefix: string;
  clientId: string;
  groupId: string;
  consumes: readonly string[];
  produces?: readonly string[];
  /** The consumers under test (and any HTTP controller the spec calls). */
  controllers: Type<unknown>[];
  providers: Provider[];
  imports?: ModuleMetadata['imports'];
  /** Listen on an ephemeral HTTP port too (for controllers). */
  listen?: boolean;
}

/**
 * A service's consumers wired as the service wires them, on real Kafka: metrics, health and the
 * messaging module (one partition, two attempts then the dead letters), the Kafka transport
 * started. The spec brings its controllers and their real adapters; `app.close()` stops it all.
 */
export async function startTestConsumer(options: TestConsumerOptions): Promise<INestApplication> {
  const kafka: KafkaSettings = {
    brokers: options.brokers.split(','),
    clientId: options.clientId,
    topicPrefix: options.topicPrefix,
    partitions: 1,
    replicationFactor: 1,
    ssl: false,
    producerName: 'vigie/test',
  };
  const faults = FaultInjector.none();
  const moduleRef = await Test.createTestingModule({
    imports: [
      MetricsModule,
      HealthModule,
      MessagingModule.forRoot({
        kafka,
        consumer: { groupId: options.groupId, maxAttempts: 2, batchSize: 100 },
        logger: pino({ level: 'silent' }),
        faults,
        produces: options.produces ?? [],
        consumes: options.consumes,
      }),
      ...(options.imports ?? []),
    ],
    controllers: options.controllers,
    providers: [{ provide: FaultInjector, useValue: faults }, ...options.providers],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  await startKafkaTransport(app);
  return app;
}
