import type { Provider } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import type { Logger } from 'pino';
import { KeyTombstones } from './key-tombstones.port';
import { PgKeyTombstones } from './pg-key-tombstones';
import { PruneKeyTombstonesJob } from './prune-key-tombstones.job';
import { PruneKeyTombstonesUseCase } from './prune-key-tombstones.usecase';

/**
 * The pruning of the shared key table's tombstones. cv-intake runs it for the whole table
 * (alert-matcher's erasures write there too): the service that holds the erasure receipts.
 */
export function keyTombstoneProviders(logger: Logger): Provider[] {
  return [
    { provide: KeyTombstones, useClass: PgKeyTombstones },
    {
      provide: PruneKeyTombstonesUseCase,
      useFactory: (tombstones: KeyTombstones, clock: Clock) =>
        new PruneKeyTombstonesUseCase(tombstones, clock),
      inject: [KeyTombstones, Clock],
    },
    {
      provide: PruneKeyTombstonesJob,
      useFactory: (prune: PruneKeyTombstonesUseCase) =>
        new PruneKeyTombstonesJob(prune, logger.child({ component: 'prune-key-tombstones' })),
      inject: [PruneKeyTombstonesUseCase],
    },
  ];
}
