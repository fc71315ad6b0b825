import type { CvViewedV1 } from '@vigie/contracts';
import { EventPublisher, OutgoingEvent } from '@vigie/messaging';
import { BatchingCvViewPublisher } from './batching-cv-view-publisher';

class RecordingPublisher extends EventPublisher {
  readonly calls: OutgoingEvent[][] = [];
  failNext = false;
  /** When set, each publish waits for this promise (a slow broker). */
  gate: Promise<void> | undefined;
  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    this.calls.push([...events]);
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('broker down');
    }
  }
}

const view = (n: number): CvViewedV1 => ({
  viewId: `0c8e7f6a-5b4c-4d3e-8f2a-${String(n).padStart(12, '0')}`,
  cvId: '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  recruiterId: '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706',
  company: 'Atelier Loire',
  viewedAt: '2026-12-01T09:30:00.000Z',
});

describe('BatchingCvViewPublisher', () => {
  it('sends the views of concurrent requests in one acknowledged batch, keyed by CV', async () => {
    const bus = new RecordingPublisher();
    const sut = new BatchingCvViewPublisher(bus, 5, 100);

    await Promise.all([sut.publish(view(1)), sut.publish(view(2)), sut.publish(view(3))]);

    expect(bus.calls).toHaveLength(1);
    expect(bus.calls[0]!.map((e) => [e.topic, e.key, (JSON.parse(e.value) as CvViewedV1).viewId])).toEqual([
      ['cvs.cv.viewed.v1', view(1).cvId, view(1).viewId],
      ['cvs.cv.viewed.v1', view(2).cvId, view(2).viewId],
      ['cvs.cv.viewed.v1', view(3).cvId, view(3).viewId],
    ]);
  });

  it('flushes at once when the batch is full', async () => {
    const bus = new RecordingPublisher();
    const sut = new BatchingCvViewPublisher(bus, 60_000, 2);

    await Promise.all([sut.publish(view(1)), sut.publish(view(2))]);

    expect(bus.calls.map((c) => c.length)).toEqual([2]);
  });

  it('keeps one produce request in flight: views arriving meanwhile leave together once it is acknowledged', async () => {
    const bus = new RecordingPublisher();
    let open!: () => void;
    bus.gate = new Promise((resolve) => (open = resolve));
    const sut = new BatchingCvViewPublisher(bus, 1, 100);

    const first = sut.publish(view(1));
    await new Promise((r) => setTimeout(r, 20));
    const later = [sut.publish(view(2)), sut.publish(view(3)), sut.publish(view(4))];
    await new Promise((r) => setTimeout(r, 20));
    expect(bus.calls.map((c) => c.length)).toEqual([1]);
    open();
    await Promise.all([first, ...later]);

    expect(bus.calls.map((c) => c.length)).toEqual([1, 3]);
  });

  it('fails every request of a batch the bus refused, so none is answered as counted', async () => {
    const bus = new RecordingPublisher();
    bus.failNext = true;
    const sut = new BatchingCvViewPublisher(bus, 1, 100);

    const outcomes = await Promise.allSettled([sut.publish(view(1)), sut.publish(view(2))]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await expect(sut.publish(view(3))).resolves.toBeUndefined();
  });
});
