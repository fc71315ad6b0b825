import { MetricsRegistry } from './metrics';

describe('MetricsRegistry', () => {
  it('returns the same counter when asked twice for one name, so increments add up', async () => {
    const sut = new MetricsRegistry();

    const first = sut.counter('vigie_test_events_total', 'Events', ['outcome']);
    const second = sut.counter('vigie_test_events_total', 'Events', ['outcome']);
    first.inc({ outcome: 'ok' });
    second.inc({ outcome: 'ok' }, 2);

    expect(second).toBe(first);
    const { values } = await first.get();
    expect(values).toEqual([expect.objectContaining({ labels: { outcome: 'ok' }, value: 3 })]);
  });

  it('returns the same gauge and histogram when asked twice', () => {
    const sut = new MetricsRegistry();

    expect(sut.gauge('vigie_test_lag', 'Lag')).toBe(sut.gauge('vigie_test_lag', 'Lag'));
    expect(sut.histogram('vigie_test_seconds', 'Duration', [], [0.1, 1])).toBe(
      sut.histogram('vigie_test_seconds', 'Duration', [], [0.1, 1]),
    );
  });

  it('exposes a metric once in the scrape output', async () => {
    const sut = new MetricsRegistry();
    sut.counter('vigie_test_once_total', 'Once').inc();
    sut.counter('vigie_test_once_total', 'Once').inc();

    const text = await sut.registry.metrics();

    expect(text.match(/^# TYPE vigie_test_once_total counter$/gm)).toHaveLength(1);
    expect(text).toMatch(/^vigie_test_once_total 2$/m);
  });

  it('keeps two instances apart, so several services can share a process', async () => {
    const a = new MetricsRegistry();
    const b = new MetricsRegistry();

    a.counter('vigie_test_shared_total', 'Shared').inc(5);
    b.counter('vigie_test_shared_total', 'Shared').inc(1);

    expect((await a.counter('vigie_test_shared_total', 'Shared').get()).values[0]?.value).toBe(5);
    expect((await b.counter('vigie_test_shared_total', 'Shared').get()).values[0]?.value).toBe(1);
  });

  it('computes a collected gauge at scrape time', async () => {
    const sut = new MetricsRegistry();
    let backlog = 3;
    sut.gauge('vigie_test_backlog', 'Backlog', [], (g) => g.set(backlog));

    backlog = 7;
    const text = await sut.registry.metrics();

    expect(text).toMatch(/^vigie_test_backlog 7$/m);
  });

  it('includes the default process metrics', async () => {
    expect(await new MetricsRegistry().registry.metrics()).toContain('process_cpu_user_seconds_total');
  });
});
