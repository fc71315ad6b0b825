import { subjectKeysTableDdl } from '@vigie/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each CV's key, sealing who viewed it on cvs.cv.viewed.v1 (retained 7 days). The key goes with
 * the CV's row (ON DELETE CASCADE), so the erasure and the retention expiry destroy it in their
 * own transaction, and every view record still on the topic becomes unreadable at once.
 */
export class CvKeys1766700000010 implements MigrationInterface {
  name = 'CvKeys1766700000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(subjectKeysTableDdl('cv_keys', { subjectType: 'uuid', references: 'cvs (id)' }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cv_keys`);
  }
}
