import pino from 'pino';
import type { Client } from '@opensearch-project/opensearch';
import { IndexHealthCheck } from './index-health';
import { IndexPreparation } from './index-preparation';

const logger = pino({ level: 'silent' });
const healthCheck = () => new IndexHealthCheck({} as Client, 'offers');

describe('IndexPreparation', () => {
  it('retries until the index is created, then marks the service ready', async () => {
    const health = healthCheck();
    let calls = 0;
    const ready = new Promise<void>((resolve) => {
      const ensureIndex = async () => {
        calls++;
        if (calls < 3) throw new Error('connect ECONNREFUSED');
        resolve();
      };
      new IndexPreparation({ ensureIndex, health, indexLabel: 'offers', logger }).start();
    });

    await ready;
    await new Promise((r) => setImmediate(r));

    expect(calls).toBe(3);
    expect(health.indexReady).toBe(true);
  });

  it('stops at once while waiting to retry, leaving the service not ready', async () => {
    const health = healthCheck();
    let calls = 0;
    const sut = new IndexPreparation({
      ensureIndex: async () => {
        calls++;
        throw new Error('connect ECONNREFUSED');
      },
      health,
      indexLabel: 'offers',
      logger,
    });
    sut.start();
    await new Promise((r) => setTimeout(r, 20));

    const started = Date.now();
    await sut.stop();
    const callsAtStop = calls;
    await new Promise((r) => setTimeout(r, 400));

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBe(callsAtStop);
    expect(health.indexReady).toBe(false);
  });
});
