import { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { MetricsRegistry, runWithCorrelationId } from '@vigie/observability';
import { backoffDelay, sleep } from '../backoff';
import { classifyError, ErrorClassifier, errorMessage } from '../errors';
import { BatchOutcome, ConsumedEvent } from './consumed-event';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { decodeMessage, MessageDecoder } from './message-decoder';

export interface RegisteredHandler {
  readonly topic: string;
  /** Batch handlers receive arrays of events and may reject some of them. */
  readonly batch: boolean;
  invoke(data: unknown): Promise<unknown>;
}

export interface BatchProcessorOptions {
  maxAttempts: number;
  batchSize: number;
  classifiers: readonly ErrorClassifier[];
  /** Defaults to decoding each message; consumers of one topic in one process may share one. */
  decode?: MessageDecoder;
}

/** Thrown to leave eachBatch without resolving offsets: the group is rebalancing or we are stopping. */
class ConsumerStopped extends Error {
  constructor() {
    super('consumer stopped or rebalancing; unprocessed messages will be redelivered');
  }
}

type Control = Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale'>;

/**
 * Processes one fetched batch of one partition. Offsets are resolved only after the effect of a
 * message is done (or the message is dead-lettered), so a crash re-delivers and never skips.
 * Transient errors are retried with backoff for as long as it takes; a message that is invalid,
 * or whose handler keeps failing for unknown reasons, goes to the dead-letter topic.
 */
export class BatchProcessor {
  private readonly processed;
  private readonly retries;
  private readonly duration;

  constructor(
    private readonly handlers: ReadonlyMap<string, RegisteredHandler>,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: BatchProcessorOptions,
    private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.processed = metrics.counter('kafka_messages_processed_total', 'Messages consumed, by outcome', [
      'topic',
      'outcome',
    ]);
    this.retries = metrics.counter('kafka_handler_retries_total', 'Handler retries, by error kind', [
      'topic',
      'kind',
    ]);
    this.duration = metrics.histogram(
      'kafka_handler_duration_seconds',
      'Time to apply one batch',
      ['topic'],
      [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
  }

  async process(topic: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary } = payload;
    const handler = this.handlers.get(topic);
    if (!handler) throw new Error(`no handler registered for ${topic}`);

    for (let start = 0; start < batch.messages.length; start += this.options.batchSize) {
      this.assertRunning(payload);
      const chunk = batch.messages.slice(start, start + this.options.batchSize);
      const timer = this.duration.startTimer({ topic });
      const events = await this.decodeOrDeadLetter(topic, batch.partition, chunk, payload);
      if (handler.batch) {
        await this.applyBatch(handler, events, payload);
      } else {
        for (const event of events) {
          await this.applyOne(handler, event, payload);
          resolveOffset(event.offset);
        }
      }
      timer();
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  private async decodeOrDeadLetter(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    control: Control,
  ): Promise<ConsumedEvent<unknown>[]> {
    const events: ConsumedEvent<unknown>[] = [];
    for (const message of messages) {
      const decoded = (this.options.decode ?? decodeMessage)(topic, partition, message);
      if (decoded.ok) {
        events.push(decoded.event);
        continue;
      }
      this.logger.warn(
        { topic, partition, offset: message.offset, code: decoded.code, reason: decoded.reason },
        'invalid message dead-lettered',
      );
      await this.retryTransient(topic, control, () =>
        this.deadLetters.send({
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: decoded.headers,
          code: decoded.code,
          reason: decoded.reason,
          attempts: 0,
        }),
      );
      this.processed.inc({ topic, outcome: 'dead_lettered' });
    }
    return events;
  }

  private async applyBatch(
    handler: RegisteredHandler,
    events: ConsumedEvent<unknown>[],
    control: Control,
  ): Promise<void> {
    if (events.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = (await this.invoke(handler, events, events[0]!.envelope.correlationId)) as
          | BatchOutcome
          | undefined;
        const rejected = outcome?.rejected ?? [];
        for (const r of rejected) await this.deadLetter(r.event, r.code, r.reason, attempt, control);
        this.processed.inc({ topic: handler.topic, outcome: 'ok' }, events.length - rejected.length);
        if (rejected.length > 0)
          this.processed.inc({ topic: handler.topic, outcome: 'dead_lettered' }, rejected.length);
        return;
      } catch (error) {
        const kind = classifyError(error, this.options.classifiers);
        if (kind === 'transient') {
          await this.pause(handler.topic, kind, attempt, error, control);
          continue;
        }
        if (kind === 'unknown' && attempt < this.options.maxAttempts) {
          await this.pause(handler.topic, kind, attempt, error, control);
          continue;
        }
        // The batch keeps failing: apply its events one by one so only the poison one is parked.
        this.logger.warn(
          { topic: handler.topic, err: errorMessage(error), size: events.length },
          'batch failed; isolating the failing events',
        );
        for (const event of events) await this.applyOne(handler, event, control, [event]);
        return;
      }
    }
  }

  /** Applies one event; for a batch handler it is wrapped in a one-element batch. */
  private async applyOne(
    handler: RegisteredHandler,
    event: ConsumedEvent<unknown>,
    control: Control,
    data: unknown = event,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = (await this.invoke(handler, data, event.envelope.correlationId)) as
          | BatchOutcome
          | undefined;
        const rejected = handler.batch ? (outcome?.rejected ?? []) : [];
        for (const r of rejected) await this.deadLetter(r.event, r.code, r.reason, attempt, control);
        this.processed.inc({ topic: handler.topic, outcome: rejected.length > 0 ? 'dead_lettered' : 'ok' });
        return;
      } catch (error) {
        const kind = classifyError(error, this.options.classifiers);
        if (kind === 'transient' || (kind === 'unknown' && attempt < this.options.maxAttempts)) {
          await this.pause(handler.topic, kind, attempt, error, control);
          continue;
        }
        const code =
          kind === 'permanent'
            ? ((error as { reasonCode?: string }).reasonCode ?? 'PERMANENT_ERROR')
            : 'HANDLER_FAILED';
        await this.deadLetter(event, code, errorMessage(error), attempt, control);
        this.processed.inc({ topic: handler.topic, outcome: 'dead_lettered' });
        return;
      }
    }
  }

  private async invoke(handler: RegisteredHandler, data: unknown, correlationId: string): Promise<unknown> {
    return runWithCorrelationId(correlationId, () => handler.invoke(data));
  }

  private async deadLetter(
    event: ConsumedEvent<unknown>,
    code: string,
    reason: string,
    attempts: number,
    control: Control,
  ) {
    this.logger.warn(
      { topic: event.topic, partition: event.partition, offset: event.offset, code, reason, attempts },
      'event dead-lettered',
    );
    await this.retryTransient(event.topic, control, () =>
      this.deadLetters.send({
        topic: event.topic,
        partition: event.partition,
        offset: event.offset,
        key: event.key,
        value: event.rawValue,
        headers: event.headers,
        code,
        reason,
        attempts,
      }),
    );
  }

  private async retryTransient(topic: string, control: Control, fn: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        await this.pause(topic, 'transient', attempt, error, control);
      }
    }
  }

  /** Backs off while keeping the group membership alive; gives up the batch if a rebalance starts. */
  private async pause(
    topic: string,
    kind: string,
    attempt: number,
    error: unknown,
    control: Control,
  ): Promise<void> {
    this.retries.inc({ topic, kind });
    const delay = backoffDelay(attempt);
    this.logger.warn(
      { topic, kind, attempt, delayMs: delay, err: errorMessage(error) },
      'handler failed; retrying',
    );
    const deadline = Date.now() + delay;
    while (Date.now() < deadline) {
      this.assertRunning(control);
      await sleep(Math.min(2_000, deadline - Date.now()));
      await control.heartbeat();
    }
    this.assertRunning(control);
  }

  private assertRunning(control: Control): void {
    if (!control.isRunning() || control.isStale()) throw new ConsumerStopped();
  }
}
