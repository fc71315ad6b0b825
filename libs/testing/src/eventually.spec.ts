import { eventually, StopWaiting } from './eventually';

describe('eventually', () => {
  it('polls until the probe passes, and returns its value', async () => {
    let calls = 0;
    const probe = () => {
      calls++;
      if (calls < 3) throw new Error('not yet');
      return calls;
    };
    await expect(eventually(probe, { intervalMs: 1 })).resolves.toBe(3);
  });

  it('fails with the probe’s last error once its time is up', async () => {
    let calls = 0;
    const probe = () => {
      throw new Error(`attempt ${++calls}`);
    };
    const error = await eventually(probe, { timeoutMs: 20, intervalMs: 1 }).catch((e: Error) => e);
    expect(error.message).toBe(`attempt ${calls}`);
    expect(calls).toBeGreaterThan(1);
  });

  it('stops at the first StopWaiting, however long it was given', async () => {
    let calls = 0;
    const probe = () => {
      calls++;
      throw new StopWaiting('the process exited');
    };
    await expect(eventually(probe, { timeoutMs: 60_000, intervalMs: 1 })).rejects.toThrow(
      'the process exited',
    );
    expect(calls).toBe(1);
  });
});
