import { cvViewedV1, type CvViewedV1 } from '@vigie/contracts';
import { buildEvent, EventPublisher } from '@vigie/messaging';
import { currentCorrelationId } from '@vigie/observability';
import { SERVICE_NAME } from '../config';
import { CvViewPublisher } from './cv-view.port';

interface Pending {
  view: CvViewedV1;
  correlationId: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Views of concurrent requests go to Kafka together: the first view of a round waits up to
 * `lingerMs` (or until `maxBatch` views), then one acknowledged produce request carries them all.
 * Each request still resolves only once its own view is acknowledged (at least once; the view id
 * makes the counters exact under duplicates).
 */
export class BatchingCvViewPublisher extends CvViewPublisher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly lingerMs = 2,
    private readonly maxBatch = 500,
  ) {
    super();
  }

  publish(view: CvViewedV1): Promise<void> {
    return new Promise((resolve, reject) => {
      // The request's correlation id, captured now: the flush runs in another request's context.
      this.pending.push({ view, correlationId: currentCorrelationId(), resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let events;
    try {
      events = batch.map((p) =>
        buildEvent(cvViewedV1, p.view, {
          producer: `vigie/${SERVICE_NAME}`,
          correlationId: p.correlationId,
          occurredAt: new Date(p.view.viewedAt),
        }),
      );
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    this.publisher.publish(events).then(
      () => batch.forEach((p) => p.resolve()),
      (e: unknown) => batch.forEach((p) => p.reject(e)),
    );
  }
}
