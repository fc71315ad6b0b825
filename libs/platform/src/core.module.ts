import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, loggerModuleFor, MetricsModule } from '@vigie/observability';
import type { Logger } from 'pino';

/** Logging, metrics and health endpoints: what every service imports first. */
@Module({})
export class CoreModule {
  static forRoot(logger: Logger): DynamicModule {
    return { module: CoreModule, imports: [loggerModuleFor(logger), MetricsModule, HealthModule] };
  }
}
