import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, loggerModuleFor, MetricsModule, type UnloggedRoute } from '@vigie/observability';
import type { Logger } from 'pino';

/** Logging, metrics and health endpoints: what every service imports first. */
@Module({})
export class CoreModule {
  /** `unloggedRoutes`: routes without a request logger or access line (see loggerModuleFor). */
  static forRoot(logger: Logger, unloggedRoutes: UnloggedRoute[] = []): DynamicModule {
    return {
      module: CoreModule,
      imports: [loggerModuleFor(logger, unloggedRoutes), MetricsModule, HealthModule],
    };
  }
}
