import { CommandStack, openCommandStack } from './test/command-stack';
import { reconcileLockName } from '../reconciliation/reconciliation.providers';
import { reconcileIndexCommand } from './reconcile-index.command';

/**
 * `npm run reconcile:index` as an operator runs it: configured like offer-indexer through the
 * environment, on real Postgres, OpenSearch and Kafka. It repairs a missing offer and reports it,
 * and leaves the work to whoever holds the advisory lock.
 */
describe('reconcile:index command', () => {
  let stack: CommandStack;
  let names: CommandStack['names'];
  let client: CommandStack['client'];
  let env: NodeJS.ProcessEnv;
  const storeActiveOffer = () => stack.storeActiveOffer();

  beforeAll(async () => {
    stack = await openCommandStack('reconcile-cmd');
    ({ names, client, env } = stack);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('writes a missing offer again and prints what it repaired; a second run finds nothing', async () => {
    const offerId = await storeActiveOffer();
    const lines: string[] = [];

    expect(await reconcileIndexCommand([], env, (l) => lines.push(l))).toBe(0);

    expect(lines).toEqual(expect.arrayContaining(['  compared 1', '  repaired 1, refused by the index 0']));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      compared: 1,
      drift: { missing: 1, stale: 0, ahead: 0, orphan: 0 },
      repaired: 1,
      dryRun: false,
    });
    const held = await client.get({ index: names.alias, id: offerId });
    expect((held.body as { _version: number })._version).toBe(1);

    await client.indices.refresh({ index: names.alias });
    const again: string[] = [];
    expect(await reconcileIndexCommand(['--dry-run'], env, (l) => again.push(l))).toBe(0);
    expect(JSON.parse(again.at(-1)!)).toMatchObject({
      drift: { missing: 0, stale: 0, ahead: 0, orphan: 0 },
      repaired: 0,
    });
  });

  it('does nothing and exits with 2 while another instance holds the lock', async () => {
    const offerId = await storeActiveOffer();
    const holder = stack.indexer.dataSource.createQueryRunner();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtext($1))`, [reconcileLockName(`${stack.id}-`)]);
    try {
      const lines: string[] = [];
      expect(await reconcileIndexCommand([], env, (l) => lines.push(l))).toBe(2);
      expect(lines[0]).toMatch(/advisory lock held/);
      const held = await client.get({ index: names.alias, id: offerId }, { ignore: [404] });
      expect((held.body as { found: boolean }).found).toBe(false);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtext($1))`, [reconcileLockName(`${stack.id}-`)]);
      await holder.release();
    }
  });

  it('refuses an unknown option with its usage', async () => {
    const lines: string[] = [];
    expect(await reconcileIndexCommand(['--repair-everything'], env, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^usage: npm run reconcile:index/);
  });
});
