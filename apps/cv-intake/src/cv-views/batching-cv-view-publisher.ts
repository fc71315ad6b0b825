import { cvViewedV1, type CvViewedV1 } from '@vigie/contracts';
import { buildEvent, EventPublisher, OutgoingEvent } from '@vigie/messaging';
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
 * Views of concurrent requests go to Kafka together (group commit): one produce request is in
 * flight at a time, and the views that arrive meanwhile leave together as soon as it is
 * acknowledged, so batches grow with the broker's latency instead of queueing behind each other.
 * An idle publisher waits `lingerMs` for company (or until `maxBatch` views). Each request still
 * resolves only once its own view is acknowledged (at least once; the view id makes the counters
 * exact under duplicates).
 */
export class BatchingCvViewPublisher extends CvViewPublisher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly lingerMs = 2,
    private readonly maxBatch = 2_000,
  ) {
    super();
  }

  publish(view: CvViewedV1): Promise<void> {
    return new Promise((resolve, reject) => {
      // The request's correlation id, captured now: the flush runs in another request's context.
      this.pending.push({ view, correlationId: currentCorrelationId(), resolve, reject });
      if (this.inFlight) return; // leaves with the next batch, once the current one is acknowledged
      if (this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatch);
    let events: OutgoingEvent[];
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
      this.flush();
      return;
    }
    this.inFlight = true;
    this.publisher
      .publish(events)
      .then(
        () => batch.forEach((p) => p.resolve()),
        (e: unknown) => batch.forEach((p) => p.reject(e)),
      )
      .finally(() => {
        this.inFlight = false;
        this.flush();
      });
  }
}
