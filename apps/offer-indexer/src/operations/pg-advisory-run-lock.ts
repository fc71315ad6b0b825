import { DataSource } from 'typeorm';
import { ExclusiveRun, RunLock } from './run-lock.port';

/**
 * A Postgres session advisory lock held on one dedicated connection for the length of the run.
 * Session-level (not transaction-level) so a run of many minutes keeps no transaction open; the
 * lock goes with the connection if the process dies, so a crashed holder never blocks the next run.
 */
export class PgAdvisoryRunLock extends RunLock {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async runExclusive<T>(name: string, run: () => Promise<T>): Promise<ExclusiveRun<T>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const rows = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        name,
      ])) as Array<{ locked: boolean }>;
      if (!rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, value: await run() };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]);
      }
    } finally {
      await runner.release();
    }
  }
}
