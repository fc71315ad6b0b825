import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface DatabaseSettings {
  url: string;
  /** The Postgres schema this service owns: its tables, its migrations table, its search_path. */
  schema: string;
  poolMax: number;
  statementTimeoutMs: number;
  applicationName: string;
  // TypeORM's own types for these lists are loose; migrations and entities are classes.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
}

/** TypeORM options for one service. `synchronize` is never on: the schema changes only through migrations. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    applicationName: settings.applicationName,
    entities: settings.entities ?? [],
    migrations: settings.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: settings.poolMax,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // Unqualified SQL resolves in the service's schema; a hung statement fails instead of holding the pool.
      options: `-c search_path=${settings.schema},public -c statement_timeout=${settings.statementTimeoutMs}`,
    },
  };
}

/**
 * Creates the schema if needed and applies pending migrations. An advisory lock per schema lets
 * several replicas start at once: one migrates, the others wait and then find nothing to do.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`vigie-migrations:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`vigie-migrations:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

export async function openDatabase(settings: DatabaseSettings): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(settings));
  await dataSource.initialize();
  try {
    await migrate(dataSource, settings.schema);
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  return dataSource;
}
