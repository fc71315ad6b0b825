import { openDatabase } from '@vigie/database';
import type { DatabaseSettings } from '@vigie/database';
import { DataSource } from 'typeorm';
import { sqlIdentifier, testInfra, uniqueId } from './infra';

export interface TestDatabase {
  dataSource: DataSource;
  schema: string;
  drop(): Promise<void>;
}

/** A fresh schema on the run's test database, migrated like the service would at boot. */
export async function openTestDatabase(
  label: string,
  migrations: DatabaseSettings['migrations'],
): Promise<TestDatabase> {
  const schema = sqlIdentifier(uniqueId(label));
  const dataSource = await openDatabase({
    url: testInfra().databaseUrl,
    schema,
    poolMax: 5,
    statementTimeoutMs: 15_000,
    applicationName: `test-${label}`,
    migrations,
  });
  return {
    dataSource,
    schema,
    drop: async () => {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}
