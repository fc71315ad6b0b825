import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthCheck, HealthCheckResult, HealthRegistry } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { DatabaseSettings, dataSourceOptions, migrate } from './data-source';
import { TypeOrmUnitOfWork, UnitOfWork } from './unit-of-work';

@Injectable()
export class PostgresHealthCheck implements HealthCheck, OnModuleInit {
  readonly name = 'postgres';

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async check(): Promise<HealthCheckResult> {
    await this.dataSource.query('SELECT 1');
    return { up: true };
  }
}

@Module({})
export class DatabaseModule {
  /** TypeORM over the service's own schema, migrated at start-up (under an advisory lock). */
  static forRoot(settings: DatabaseSettings): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(settings), retryAttempts: 30, retryDelay: 2_000 }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrate(dataSource, settings.schema);
            return dataSource;
          },
        }),
      ],
      providers: [PostgresHealthCheck, { provide: UnitOfWork, useClass: TypeOrmUnitOfWork }],
      exports: [UnitOfWork],
      global: true,
    };
  }
}
