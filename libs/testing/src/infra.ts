import { randomBytes } from 'node:crypto';

export interface TestInfra {
  kafkaBrokers: string;
  searchUrl: string;
  databaseUrl: string;
}

/** Endpoints resolved by test/global-setup.mjs. Missing ones are a setup bug: fail, never skip. */
export function testInfra(): TestInfra {
  const kafkaBrokers = process.env.VIGIE_TEST_KAFKA_BROKERS;
  const searchUrl = process.env.VIGIE_TEST_SEARCH_URL;
  const databaseUrl = process.env.VIGIE_TEST_DATABASE_URL;
  if (!kafkaBrokers || !searchUrl || !databaseUrl) {
    throw new Error(
      'test infrastructure not resolved: run int/e2e tests through jest so test/global-setup.mjs runs',
    );
  }
  return { kafkaBrokers, searchUrl, databaseUrl };
}

/** A short id that isolates one suite's topics, groups, schemas and indices from every other. */
export function uniqueId(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`.toLowerCase();
}

/** The same id as a SQL identifier (schemas). */
export function sqlIdentifier(id: string): string {
  return id.replace(/[^a-z0-9_]/g, '_');
}
