import { CommandStack, openCommandStack } from './test/command-stack';
import { reindexOffersCommand } from './reindex-offers.command';

/**
 * `npm run reindex:offers` as an operator runs it, configured like offer-indexer through the
 * environment, on real Postgres, OpenSearch and Kafka (the use case under writes and searches is
 * reindex-offers.int-spec.ts): it rebuilds, reports, refuses while a backfill is pending, abandons.
 */
describe('reindex:offers command', () => {
  let stack: CommandStack;
  let names: CommandStack['names'];
  let client: CommandStack['client'];
  let env: NodeJS.ProcessEnv;
  const storeActiveOffer = () => stack.storeActiveOffer();

  beforeAll(async () => {
    stack = await openCommandStack('reindex-cmd');
    ({ names, client, env } = stack);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('rebuilds the index from the offers table, swaps the alias and drops the previous generation', async () => {
    const offers = [await storeActiveOffer(), await storeActiveOffer(), await storeActiveOffer()];
    const lines: string[] = [];

    expect(
      await reindexOffersCommand(['--page-size=2', '--drop-after-ms=0'], env, (l) => lines.push(l)),
    ).toBe(0);

    const report = JSON.parse(lines.at(-1)!) as {
      next: string;
      previous: string;
      backfill: { read: number };
    };
    expect(lines[0]).toMatch(
      new RegExp(`^reindex:offers ${names.alias}: ${names.index} -> ${names.index}-r\\d{14} in `),
    );
    expect(report).toMatchObject({
      previous: names.index,
      backfill: { read: 3, written: 3 },
      previousDropped: true,
    });
    expect(Object.keys((await client.indices.getAlias({ name: names.alias })).body)).toEqual([report.next]);
    expect((await client.indices.exists({ index: names.index })).body).toBe(false);
    const held = await client.mget({ index: names.alias, body: { ids: offers } });
    expect((held.body as { docs: Array<{ found: boolean }> }).docs.map((d) => d.found)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('refuses to start while an index waits in the backfill alias, and --abandon removes it', async () => {
    const left = `${names.index}-r20261201000000`;
    await client.indices.create({ index: left, body: { aliases: { [names.backfillAlias!]: {} } } });
    const refused: string[] = [];
    expect(await reindexOffersCommand([], env, (l) => refused.push(l))).toBe(2);
    expect(refused[0]).toMatch(/^reindex:offers refused \(REINDEX_BACKFILL_PENDING\)/);

    const abandoned: string[] = [];
    expect(await reindexOffersCommand(['--abandon'], env, (l) => abandoned.push(l))).toBe(0);
    expect(abandoned).toEqual([`abandoned ${left}`]);
    expect((await client.indices.exists({ index: left })).body).toBe(false);
  });

  it('refuses an unknown option with its usage', async () => {
    const lines: string[] = [];
    expect(await reindexOffersCommand(['--page-size=0'], env, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^usage: npm run reindex:offers/);
  });
});
