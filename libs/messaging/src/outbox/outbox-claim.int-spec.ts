import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { CLAIM_SETTINGS_SQL, CLAIM_SQL } from './outbox-relay';
import { CreateOutbox1700000000000 } from './test/create-outbox.migration';

// OUTBOX_BATCH_SIZE's default: a batch larger than the rows the planner expects is when it picks
// the bitmap scan.
const BATCH = 500;

interface PlanNode {
  'Node Type': string;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

const nodeTypes = (n: PlanNode): string[] => [n['Node Type'], ...(n.Plans ?? []).flatMap(nodeTypes)];

/**
 * The relay's claim on an outbox full of published rows not vacuumed yet (each a dead entry in the
 * unpublished index), as between two autovacuums of a busy service: without the claim's settings
 * the planner, expecting few unpublished rows, answers with a bitmap scan that reads every dead
 * row's heap page on every round.
 */
describe('the outbox relay’s claim on Postgres', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('outbox-claim', [CreateOutbox1700000000000]);
    // Vacuum would remove the dead rows this test is about.
    await db.dataSource.query(`ALTER TABLE outbox SET (autovacuum_enabled = false)`);
    // Written and published 100 at a time, as the relay does.
    for (let batch = 0; batch < 40; batch++) {
      await db.dataSource.query(
        `INSERT INTO outbox (event_id, topic, message_key, value, headers)
         SELECT gen_random_uuid(), 'topic', 'key', repeat('x', 1500), '{}' FROM generate_series(1, 100)`,
      );
      await db.dataSource.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    }
    await db.dataSource.query(
      `INSERT INTO outbox (event_id, topic, message_key, value, headers)
       SELECT gen_random_uuid(), 'topic', 'key', 'waiting', '{}' FROM generate_series(1, 5)`,
    );
  });

  afterAll(() => db.drop());

  it('reads the unpublished rows by a plain index scan that stops visiting the dead ones', async () => {
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(CLAIM_SETTINGS_SQL);
      const explain = async () => {
        const [row] = (await runner.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${CLAIM_SQL}`, [
          BATCH,
        ])) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
        return row['QUERY PLAN'][0].Plan;
      };
      const first = await explain();
      const second = await explain();
      expect(nodeTypes(first)).toContain('Index Scan');
      expect(nodeTypes(first)).not.toContain('Bitmap Heap Scan');
      // The first round visits the 4,000 dead rows (~800 pages) and marks their entries; the next
      // reads a handful of pages.
      const pages = (n: PlanNode) => n['Shared Hit Blocks'] + n['Shared Read Blocks'];
      expect(pages(first)).toBeGreaterThan(400);
      expect(pages(second)).toBeLessThan(100);
      const claimed = (await runner.query(CLAIM_SQL, [BATCH])) as Array<{ value: string }>;
      expect(claimed.map((r) => r.value)).toEqual(Array(5).fill('waiting'));
    } finally {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  });
});
