import { FakeClock } from '@vigie/kernel';
import { AnnounceNotificationAddressUseCase } from './announce-notification-address.usecase';
import { NotificationAddressLog } from './notification-address.port';

class RecordingLog extends NotificationAddressLog {
  readonly published: Array<{ candidateId: string; email: string; at: string }> = [];
  publish(candidateId: string, email: string, at: Date): Promise<void> {
    this.published.push({ candidateId, email, at: at.toISOString() });
    return Promise.resolve();
  }
}

function newTestService(settings = { recheckMs: 60_000, maxEntries: 2 }) {
  const log = new RecordingLog();
  const clock = new FakeClock('2026-12-01T10:00:00.000Z');
  return { sut: new AnnounceNotificationAddressUseCase(log, clock, settings), log, clock };
}

const camille = { candidateId: 'cand-1', email: 'camille@example.org' };

describe('AnnounceNotificationAddressUseCase', () => {
  it('announces the address once, then again only when it changed', async () => {
    const { sut, log } = newTestService();

    expect(await sut.execute(camille)).toBe(true);
    expect(await sut.execute(camille)).toBe(false);
    expect(await sut.execute({ ...camille, email: 'camille.new@example.org' })).toBe(true);

    expect(log.published.map((p) => p.email)).toEqual(['camille@example.org', 'camille.new@example.org']);
  });

  it('announces an unchanged address again after the recheck period, and after an erasure', async () => {
    const { sut, log, clock } = newTestService();
    await sut.execute(camille);

    clock.advance(60_000);
    expect(await sut.execute(camille)).toBe(true);
    sut.forget(camille.candidateId);
    expect(await sut.execute(camille)).toBe(true);
    expect(log.published).toHaveLength(3);
  });

  it('forgets the least recently announced candidate beyond its bound', async () => {
    const { sut, log } = newTestService();
    await sut.execute(camille);
    await sut.execute({ candidateId: 'cand-2', email: 'b@example.org' });
    await sut.execute({ candidateId: 'cand-3', email: 'c@example.org' });

    expect(await sut.execute(camille)).toBe(true);
    expect(await sut.execute({ candidateId: 'cand-3', email: 'c@example.org' })).toBe(false);
    expect(log.published).toHaveLength(4);
  });
});
