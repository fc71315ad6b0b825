import { HealthCheck, HealthCheckResult, HealthRegistry } from './health';

const check = (name: string, run: () => Promise<HealthCheckResult>): HealthCheck => ({ name, check: run });

describe('HealthRegistry.readiness', () => {
  it('is ready when every check is up', async () => {
    const sut = new HealthRegistry();
    sut.register(check('postgres', async () => ({ up: true })));
    sut.register(check('kafka', async () => ({ up: true, detail: 'joined' })));

    await expect(sut.readiness()).resolves.toEqual({
      ready: true,
      checks: { postgres: { up: true }, kafka: { up: true, detail: 'joined' } },
    });
  });

  it('is ready when nothing is registered', async () => {
    await expect(new HealthRegistry().readiness()).resolves.toEqual({ ready: true, checks: {} });
  });

  it('is not ready when one check is down, and reports every check', async () => {
    const sut = new HealthRegistry();
    sut.register(check('postgres', async () => ({ up: true })));
    sut.register(check('opensearch', async () => ({ up: false, detail: 'cluster status red' })));

    const result = await sut.readiness();

    expect(result.ready).toBe(false);
    expect(result.checks).toEqual({
      postgres: { up: true },
      opensearch: { up: false, detail: 'cluster status red' },
    });
  });

  it('reports a check that throws as down, with the error message as detail', async () => {
    const sut = new HealthRegistry();
    sut.register(
      check('postgres', async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))),
    );

    sut.register(check('smtp', async () => Promise.reject('relay said no')));

    const result = await sut.readiness();

    expect(result.ready).toBe(false);
    expect(result.checks.postgres).toEqual({ up: false, detail: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(result.checks.smtp).toEqual({ up: false, detail: 'relay said no' });
  });

  it('replaces a check registered again under the same name', async () => {
    const sut = new HealthRegistry();
    sut.register(check('kafka', async () => ({ up: false, detail: 'starting' })));
    sut.register(check('kafka', async () => ({ up: true })));

    await expect(sut.readiness()).resolves.toEqual({ ready: true, checks: { kafka: { up: true } } });
  });

  describe('with a check that never answers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('reports it down after 3 s while the other checks answer, and leaves no timer behind', async () => {
      const sut = new HealthRegistry();
      sut.register(check('hung', () => new Promise<HealthCheckResult>(() => undefined)));
      sut.register(check('postgres', async () => ({ up: true })));
      let settled = false;

      const result = sut.readiness().finally(() => (settled = true));
      await jest.advanceTimersByTimeAsync(2_999);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);

      await expect(result).resolves.toEqual({
        ready: false,
        checks: { hung: { up: false, detail: 'no answer within 3000 ms' }, postgres: { up: true } },
      });
      expect(jest.getTimerCount()).toBe(0);
    });

    it('clears the timeout of a check that answered in time', async () => {
      const sut = new HealthRegistry();
      sut.register(check('postgres', async () => ({ up: true })));

      await sut.readiness();

      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
