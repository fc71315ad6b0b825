import { FakeClock } from '@vigie/kernel';
import { CvViewSummaries, ViewSummary } from './cv-view-summaries.port';
import type { ParisWeek } from './paris-week';
import { SummariseCvViewsUseCase } from './summarise-cv-views.usecase';

/** Computes a fixed set of summaries per week, once; records what was announced and forgotten. */
class InMemorySummaries extends CvViewSummaries {
  readonly computed: ParisWeek[] = [];
  readonly rows: Array<ViewSummary & { announced: boolean }> = [];
  forgotBefore: string | undefined;
  constructor(private readonly perWeek: number) {
    super();
  }
  computeWeek(week: ParisWeek): Promise<number | null> {
    if (this.computed.some((w) => w.weekStart === week.weekStart)) return Promise.resolve(null);
    this.computed.push(week);
    for (let i = 0; i < this.perWeek; i++)
      this.rows.push({
        candidateId: `cand-${i}`,
        weekStart: week.weekStart,
        views: 1,
        recruiters: 1,
        companies: ['Atelier Loire'],
        announced: false,
      });
    return Promise.resolve(this.perWeek);
  }
  unannounced(limit: number): Promise<ViewSummary[]> {
    return Promise.resolve(this.rows.filter((r) => !r.announced).slice(0, limit));
  }
  announce(summaries: readonly ViewSummary[]): Promise<number> {
    for (const s of summaries) this.rows.find((r) => r === s)!.announced = true;
    return Promise.resolve(summaries.length);
  }
  forgetBefore(weekStart: string): Promise<void> {
    this.forgotBefore = weekStart;
    return Promise.resolve();
  }
}

function newTestService(perWeek = 5, at = '2026-11-30T04:59:00.000Z') {
  const clock = new FakeClock(at);
  const summaries = new InMemorySummaries(perWeek);
  return { sut: new SummariseCvViewsUseCase(summaries, clock, 2), summaries, clock };
}

describe('SummariseCvViewsUseCase', () => {
  it('waits for Monday 06:00 in Paris before computing the week just over', async () => {
    const { sut, summaries, clock } = newTestService();

    expect(await sut.execute()).toEqual({ weekStart: '2026-11-23', computed: null, announced: 0 });
    expect(summaries.computed).toEqual([]);
    clock.advance(60_000);
    expect(await sut.execute()).toEqual({ weekStart: '2026-11-23', computed: 5, announced: 5 });
  });

  it('announces every summary in batches, each once, and computes a week once', async () => {
    const { sut, summaries } = newTestService(5, '2026-12-01T10:00:00.000Z');
    await sut.execute();
    expect(await sut.execute()).toEqual({ weekStart: '2026-11-23', computed: null, announced: 0 });
    expect(summaries.rows.every((r) => r.announced)).toBe(true);
  });

  it('forgets the summaries older than five weeks', async () => {
    const { sut, summaries } = newTestService(0, '2026-12-01T10:00:00.000Z');
    await sut.execute();
    expect(summaries.forgotBefore).toBe('2026-10-19');
  });
});
