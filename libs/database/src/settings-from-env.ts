import { DatabaseSettings } from './data-source';

/** The variables of `databaseEnv()` as parsed. */
export interface DatabaseEnv {
  DATABASE_URL: string;
  DATABASE_SCHEMA: string;
  DATABASE_POOL_MAX: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
}

export function databaseSettingsFromEnv(
  env: DatabaseEnv,
  service: string,
  migrations: DatabaseSettings['migrations'],
): DatabaseSettings {
  return {
    url: env.DATABASE_URL,
    schema: env.DATABASE_SCHEMA,
    poolMax: env.DATABASE_POOL_MAX,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    applicationName: service,
    migrations,
  };
}
