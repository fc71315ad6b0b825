import type { Logger } from 'pino';
import { GenerationBumpJob } from './generation-bump.job';
import { GenerationBump, ReindexOffersUseCase, ReindexSettings } from './reindex-offers.usecase';

const SETTINGS: ReindexSettings = {
  pageSize: 10,
  catchUpGraceMs: 0,
  dropAfterMs: 60_000,
  dropPrevious: true,
  lockName: 'vigie-reindex-offers:offers',
};
const logger = { info: jest.fn(), warn: jest.fn() } as unknown as Logger;
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('GenerationBumpJob', () => {
  it('tries again while another replica holds the lock, then stops once the alias is current', async () => {
    const outcomes: GenerationBump[] = [
      { outcome: 'no-index' },
      { outcome: 'running-elsewhere' },
      { outcome: 'current' },
    ];
    const bumpGeneration = jest.fn(async () => outcomes.shift() ?? { outcome: 'current' as const });
    const sut = new GenerationBumpJob(
      () => ({ bumpGeneration }) as unknown as ReindexOffersUseCase,
      SETTINGS,
      1,
      logger,
    );

    sut.onApplicationBootstrap();
    await until(() => outcomes.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await sut.onApplicationShutdown();

    expect(bumpGeneration).toHaveBeenCalledTimes(3);
    expect(bumpGeneration).toHaveBeenCalledWith(SETTINGS);
  });

  it('cuts the pause before the drop short at shutdown by a failure, so the previous index is kept', async () => {
    let pause: ((ms: number) => Promise<void>) | undefined;
    const sut = new GenerationBumpJob(
      (p) => {
        pause = p;
        return { bumpGeneration: async () => ({ outcome: 'current' }) } as unknown as ReindexOffersUseCase;
      },
      SETTINGS,
      1_000,
      logger,
    );
    const waiting = pause!(60_000);

    await sut.onApplicationShutdown();

    await expect(waiting).rejects.toThrow('the previous generation is kept');
  });
});
