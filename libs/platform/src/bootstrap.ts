import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigOf, ConfigValidationError, EnvShape, loadConfig, redactConfig } from '@vigie/config';
import { startKafkaTransport } from '@vigie/messaging';
import {
  createRootLogger,
  CORRELATION_HEADER,
  type LogLevel,
  httpMetricsMiddleware,
  MetricsRegistry,
  runWithCorrelationId,
  sanitizeCorrelationId,
} from '@vigie/observability';
import type { NextFunction, Request, Response } from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { HttpExceptionFilter } from './http/exception.filter';
import { OpenApiInfo, setupOpenApi } from './http/openapi';

/** Loads a service's configuration or exits with a message naming every bad variable. */
export function loadServiceConfig<S extends EnvShape>(
  service: string,
  shape: S,
  env = process.env,
): ConfigOf<S> {
  try {
    return loadConfig(shape, env);
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${service}: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

export interface ServiceOptions<S extends EnvShape> {
  name: string;
  module: DynamicModule;
  logger: Logger;
  host: string;
  port: number;
  shape: S;
  config: ConfigOf<S>;
  openApi: OpenApiInfo;
  /** Starts the Kafka transport for the module's `@EventPattern` handlers. */
  consumesKafka: boolean;
  jsonBodyLimit?: string;
}

/**
 * The common life of a Vigie service: JSON logs with correlation ids, metrics, one error mapping,
 * OpenAPI at /docs, graceful shutdown on SIGTERM, and the Kafka transport when the service consumes.
 */
export async function bootstrapService<S extends EnvShape>(
  options: ServiceOptions<S>,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  // No ETag: the APIs' answers are never fetched conditionally, and Express would hash every body.
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const correlationId = sanitizeCorrelationId(req.headers[CORRELATION_HEADER]);
    res.setHeader(CORRELATION_HEADER, correlationId);
    runWithCorrelationId(correlationId, next);
  });
  app.use(httpMetricsMiddleware(app.get(MetricsRegistry)));
  app.useBodyParser('json', { limit: options.jsonBodyLimit ?? '1mb' });
  app.useGlobalFilters(new HttpExceptionFilter(options.logger));
  app.enableShutdownHooks();
  setupOpenApi(app, options.openApi);

  if (options.consumesKafka) {
    await startKafkaTransport(app);
  }
  await app.listen(options.port, options.host);
  const url = await app.getUrl();
  options.logger.info(
    { url, docs: `${url}/docs`, config: redactConfig(options.shape, options.config) },
    `${options.name} listening`,
  );
  return app;
}

/** Everything that differs between two services' `main.ts`. */
export interface ServiceDefinition<S extends EnvShape> {
  name: string;
  env: S;
  module: (config: ConfigOf<S>, logger: Logger) => DynamicModule;
  consumesKafka: boolean;
  openApi: OpenApiInfo;
  jsonBodyLimit?: string;
}

/** Entry point of a service process: configuration (or exit 1 naming the bad variables), logger, start. */
export function runService<
  S extends EnvShape & { HTTP_HOST: unknown; HTTP_PORT: unknown; LOG_LEVEL: unknown },
>(definition: ServiceDefinition<S>): void {
  const config = loadServiceConfig(definition.name, definition.env);
  const settings = config as unknown as { HTTP_HOST: string; HTTP_PORT: number; LOG_LEVEL: LogLevel };
  const logger = createRootLogger(definition.name, settings.LOG_LEVEL);
  bootstrapService({
    name: definition.name,
    module: definition.module(config, logger),
    logger,
    host: settings.HTTP_HOST,
    port: settings.HTTP_PORT,
    shape: definition.env,
    config,
    consumesKafka: definition.consumesKafka,
    openApi: definition.openApi,
    ...(definition.jsonBodyLimit ? { jsonBodyLimit: definition.jsonBodyLimit } : {}),
  }).catch((error: unknown) => {
    logger.fatal({ err: error }, `${definition.name} failed to start`);
    process.exit(1);
  });
}
