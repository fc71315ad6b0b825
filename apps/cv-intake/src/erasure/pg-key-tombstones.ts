import { Inject, Injectable } from '@nestjs/common';
import { pruneErasedSubjects, SHARED_SUBJECT_KEYS_TABLE } from '@vigie/database';
import { DataSource } from 'typeorm';
import { KeyTombstones } from './key-tombstones.port';

@Injectable()
export class PgKeyTombstones extends KeyTombstones {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SHARED_SUBJECT_KEYS_TABLE) private readonly table: string,
  ) {
    super();
  }

  pruneBefore(erasedBefore: Date): Promise<number> {
    return pruneErasedSubjects(this.dataSource.manager, this.table, erasedBefore);
  }
}
