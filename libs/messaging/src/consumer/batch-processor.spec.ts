import { driveFakeTimers } from '@vigie/testing/unit';
import { envelopeToHeaders, OfferChangedV2, TOPICS } from '@vigie/contracts';
import { activeCorrelationId, MetricsRegistry } from '@vigie/observability';
import { goldenFixture } from '@vigie/testing/unit';
import { EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import pino from 'pino';
import { PermanentError, TransientError } from '../errors';
import { BatchProcessor, BatchProcessorOptions, RegisteredHandler } from './batch-processor';
import { BatchOutcome, ConsumedEvent } from './consumed-event';
import { DeadLetter, DeadLetterPublisher } from './dead-letter-publisher';

const TOPIC = TOPICS.offerChanged;
const PARTITION = 2;
const fixture = goldenFixture<OfferChangedV2>(TOPIC, 'active');

const eventIdOf = (offset: number) => `00000000-0000-4000-8000-${String(offset).padStart(12, '0')}`;

function message(offset: number, value: string | null = JSON.stringify(fixture)): KafkaMessage {
  const headers: IHeaders = {};
  const envelope = envelopeToHeaders({
    eventId: eventIdOf(offset),
    eventType: 'offers.offer.changed',
    schemaVersion: 2,
    occurredAt: '2026-11-28T09:15:00.000Z',
    correlationId: `corr-${offset}`,
    producer: 'vigie/offer-ingestion',
  });
  for (const [name, v] of Object.entries(envelope)) headers[name] = Buffer.from(v);
  return {
    key: Buffer.from(fixture.offerId),
    value: value === null ? null : Buffer.from(value),
    headers,
    offset: String(offset),
    timestamp: '1764321300000',
    attributes: 0,
  };
}

const poison = (offset: number) => message(offset, '{"offerId": "truncated');

/** A fake kafkajs batch: records resolved offsets, and lets a test stop the consumer. */
function fakePayload(messages: KafkaMessage[]) {
  const log: string[] = [];
  const state = { running: true };
  const resolveOffset = jest.fn((offset: string) => void log.push(`resolve:${offset}`));
  const heartbeat = jest.fn(async () => undefined);
  const commitOffsetsIfNecessary = jest.fn(async () => undefined);
  const payload = {
    batch: {
      topic: TOPIC,
      partition: PARTITION,
      highWatermark: '100',
      messages,
      isEmpty: () => messages.length === 0,
      firstOffset: () => messages[0]?.offset ?? null,
      lastOffset: () => messages[messages.length - 1]?.offset ?? '-1',
      offsetLag: () => '5',
      offsetLagLow: () => '5',
    },
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    pause: () => () => undefined,
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: () => state.running,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, log, state, resolveOffset, heartbeat, commitOffsetsIfNecessary };
}

type Invoke = (data: unknown) => Promise<unknown>;

function fakeHandler(batch: boolean, impl: Invoke = async () => undefined) {
  const invoke = jest.fn(impl);
  const handler: RegisteredHandler = { topic: TOPIC, batch, invoke };
  return { handler, invoke };
}

/** The log without repeats: resolving an offset twice is harmless, resolving it early is not. */
const inOrder = (log: string[]) => [...new Set(log)];

const offsetsOf = (data: unknown): string[] =>
  (Array.isArray(data) ? (data as ConsumedEvent<unknown>[]) : [data as ConsumedEvent<unknown>]).map(
    (e) => e.offset,
  );

function makeSut(handler: RegisteredHandler, options: Partial<BatchProcessorOptions> = {}) {
  const letters: DeadLetter[] = [];
  const deadLetters = { send: jest.fn(async (letter: DeadLetter) => void letters.push(letter)) };
  const metrics = new MetricsRegistry();
  const sut = new BatchProcessor(
    new Map([[TOPIC, handler]]),
    deadLetters as unknown as DeadLetterPublisher,
    { maxAttempts: 3, batchSize: 500, classifiers: [], ...options },
    pino({ level: 'silent' }),
    metrics,
  );
  return { sut, deadLetters, letters, metrics };
}

const drive = <T>(promise: Promise<T>) => driveFakeTimers(promise, { stepMs: 500, maxSteps: 10_000 });

async function counterValue(
  metrics: MetricsRegistry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await metrics.counter(name, '', Object.keys(labels)).get();
  return values
    .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('BatchProcessor — offsets', () => {
  it('resolves the offset of each message only after its handler has succeeded', async () => {
    const { payload, log } = fakePayload([message(10), message(11), message(12)]);
    const { handler } = fakeHandler(
      false,
      async (data) => void log.push(`handle:${offsetsOf(data).join(',')}`),
    );
    const { sut } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(inOrder(log)).toEqual([
      'handle:10',
      'resolve:10',
      'handle:11',
      'resolve:11',
      'handle:12',
      'resolve:12',
    ]);
  });

  it('hands a batch handler the decoded events and resolves the last offset after it returns', async () => {
    const { payload, log, commitOffsetsIfNecessary, heartbeat } = fakePayload([
      message(10),
      message(11),
      message(12),
    ]);
    const { handler, invoke } = fakeHandler(
      true,
      async (data) => void log.push(`handle:${offsetsOf(data).join(',')}`),
    );
    const { sut } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(log).toEqual(['handle:10,11,12', 'resolve:12']);
    const events = invoke.mock.calls[0]![0] as ConsumedEvent<OfferChangedV2>[];
    expect(events[0]).toMatchObject({ topic: TOPIC, partition: PARTITION, offset: '10', value: fixture });
    expect(events[0]!.envelope.eventId).toBe(eventIdOf(10));
    expect(commitOffsetsIfNecessary).toHaveBeenCalled();
    expect(heartbeat).toHaveBeenCalled();
  });

  it('splits a large fetch into chunks of batchSize and resolves after each chunk', async () => {
    const { payload, log } = fakePayload([message(10), message(11), message(12)]);
    const { handler } = fakeHandler(
      true,
      async (data) => void log.push(`handle:${offsetsOf(data).join(',')}`),
    );
    const { sut } = makeSut(handler, { batchSize: 2 });

    await sut.process(TOPIC, payload);

    expect(log).toEqual(['handle:10,11', 'resolve:11', 'handle:12', 'resolve:12']);
  });

  it('runs the handler under the correlation id of the event it handles', async () => {
    const seen: Array<string | undefined> = [];
    const { payload } = fakePayload([message(10), message(11)]);
    const { handler } = fakeHandler(false, async () => void seen.push(activeCorrelationId()));
    const { sut } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(seen).toEqual(['corr-10', 'corr-11']);
  });

  it('refuses a topic it has no handler for', async () => {
    const { payload } = fakePayload([message(10)]);
    const { sut } = makeSut(fakeHandler(false).handler);

    await expect(sut.process('offers.offer.other.v1', payload)).rejects.toThrow(
      'no handler registered for offers.offer.other.v1',
    );
  });
});

describe('BatchProcessor — invalid messages', () => {
  it('dead-letters a poison message with its code and still hands the rest of the batch to the handler', async () => {
    const { payload, resolveOffset } = fakePayload([message(10), poison(11), message(12)]);
    const { handler, invoke } = fakeHandler(true);
    const { sut, letters } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      topic: TOPIC,
      partition: PARTITION,
      offset: '11',
      code: 'INVALID_JSON',
      attempts: 0,
    });
    expect(letters[0]!.value).toEqual(Buffer.from('{"offerId": "truncated'));
    expect(letters[0]!.headers.ce_id).toBe(eventIdOf(11));
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(offsetsOf(invoke.mock.calls[0]![0])).toEqual(['10', '12']);
    expect(resolveOffset).toHaveBeenLastCalledWith('12');
  });

  it('dead-letters a poison message for a single-event handler too, and handles the others', async () => {
    const { payload } = fakePayload([poison(10), message(11)]);
    const { handler, invoke } = fakeHandler(false);
    const { sut, letters, metrics } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(letters.map((l) => [l.offset, l.code])).toEqual([['10', 'INVALID_JSON']]);
    expect(invoke.mock.calls.map(([data]) => offsetsOf(data))).toEqual([['11']]);
    expect(await counterValue(metrics, 'kafka_messages_processed_total', { outcome: 'dead_lettered' })).toBe(
      1,
    );
    expect(await counterValue(metrics, 'kafka_messages_processed_total', { outcome: 'ok' })).toBe(1);
  });

  it('resolves the offset of a batch made only of poison messages without calling the handler', async () => {
    const { payload, resolveOffset } = fakePayload([poison(10), message(11, null)]);
    const { handler, invoke } = fakeHandler(true);
    const { sut, letters } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(letters.map((l) => l.code)).toEqual(['INVALID_JSON', 'EMPTY_VALUE']);
    expect(invoke).not.toHaveBeenCalled();
    expect(resolveOffset).toHaveBeenCalledWith('11');
  });

  it('retries a dead-letter publish that fails, and resolves the offset only once the letter is parked', async () => {
    const { payload, log } = fakePayload([poison(10)]);
    const { handler } = fakeHandler(true);
    const { sut, deadLetters } = makeSut(handler);
    deadLetters.send
      .mockImplementationOnce(async () => {
        log.push('dlq:failed');
        throw new TransientError('broker down');
      })
      .mockImplementationOnce(async () => void log.push('dlq:sent'));

    await drive(sut.process(TOPIC, payload));

    expect(log).toEqual(['dlq:failed', 'dlq:sent', 'resolve:10']);
  });
});

describe('BatchProcessor — handler failures', () => {
  it('retries a TransientError until the handler succeeds, whatever maxAttempts says', async () => {
    const { payload, resolveOffset, heartbeat } = fakePayload([message(10)]);
    let calls = 0;
    const { handler, invoke } = fakeHandler(false, async () => {
      calls += 1;
      if (calls <= 2) throw new TransientError('database unavailable');
    });
    const { sut, deadLetters, metrics } = makeSut(handler, { maxAttempts: 1 });

    await drive(sut.process(TOPIC, payload));

    expect(invoke).toHaveBeenCalledTimes(3);
    expect(deadLetters.send).not.toHaveBeenCalled();
    expect(resolveOffset).toHaveBeenCalledWith('10');
    expect(heartbeat).toHaveBeenCalled();
    expect(await counterValue(metrics, 'kafka_handler_retries_total', { kind: 'transient' })).toBe(2);
  });

  it('does not resolve the offset while a transient failure is being retried', async () => {
    const { payload, log } = fakePayload([message(10)]);
    let failuresLeft = 3;
    const { handler } = fakeHandler(false, async () => {
      if (failuresLeft-- > 0) {
        log.push('handle:failed');
        throw new TransientError('search engine overloaded');
      }
      log.push('handle:ok');
    });
    const { sut } = makeSut(handler);

    await drive(sut.process(TOPIC, payload));

    expect(log.filter((l) => l === 'handle:failed')).toHaveLength(3);
    expect(inOrder(log)).toEqual(['handle:failed', 'handle:ok', 'resolve:10']);
  });

  it('uses the service classifiers to recognise transient errors', async () => {
    const { payload } = fakePayload([message(10)]);
    let calls = 0;
    const { handler, invoke } = fakeHandler(false, async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const { sut, deadLetters } = makeSut(handler, {
      maxAttempts: 1,
      classifiers: [(e) => ((e as { code?: string }).code === 'ECONNREFUSED' ? 'transient' : undefined)],
    });

    await drive(sut.process(TOPIC, payload));

    expect(invoke).toHaveBeenCalledTimes(2);
    expect(deadLetters.send).not.toHaveBeenCalled();
  });

  it('dead-letters an event whose handler keeps failing for an unknown reason after maxAttempts, with HANDLER_FAILED', async () => {
    const { payload, log } = fakePayload([message(10), message(11)]);
    const { handler, invoke } = fakeHandler(false, async (data) => {
      if (offsetsOf(data)[0] === '10') throw new Error('boom');
    });
    const { sut, letters } = makeSut(handler, { maxAttempts: 3 });

    await drive(sut.process(TOPIC, payload));

    expect(invoke.mock.calls.map(([d]) => offsetsOf(d)[0])).toEqual(['10', '10', '10', '11']);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      offset: '10',
      code: 'HANDLER_FAILED',
      reason: 'Error: boom',
      attempts: 3,
    });
    expect(letters[0]!.value).toEqual(Buffer.from(JSON.stringify(fixture)));
    expect(inOrder(log)).toEqual(['resolve:10', 'resolve:11']);
  });

  it('dead-letters a PermanentError at once with its reason code', async () => {
    const { payload } = fakePayload([message(10)]);
    const { handler, invoke } = fakeHandler(false, async () => {
      throw new PermanentError('offer in an impossible state', 'IMPOSSIBLE_STATE');
    });
    const { sut, letters } = makeSut(handler, { maxAttempts: 5 });

    await sut.process(TOPIC, payload);

    expect(invoke).toHaveBeenCalledTimes(1);
    expect(letters).toEqual([
      expect.objectContaining({ offset: '10', code: 'IMPOSSIBLE_STATE', attempts: 1 }),
    ]);
  });

  it('retries a failing batch per event so that only the poison event is dead-lettered', async () => {
    const { payload, resolveOffset } = fakePayload([message(10), message(11), message(12)]);
    const { handler, invoke } = fakeHandler(true, async (data) => {
      if (offsetsOf(data).includes('11')) throw new Error('cannot apply offer 11');
    });
    const { sut, letters } = makeSut(handler, { maxAttempts: 2 });

    await drive(sut.process(TOPIC, payload));

    expect(invoke.mock.calls.map(([d]) => offsetsOf(d).join(','))).toEqual([
      '10,11,12',
      '10,11,12',
      '10',
      '11',
      '11',
      '12',
    ]);
    expect(letters).toEqual([expect.objectContaining({ offset: '11', code: 'HANDLER_FAILED', attempts: 2 })]);
    expect(resolveOffset).toHaveBeenLastCalledWith('12');
  });

  it('isolates the events of a batch at once when it fails with a PermanentError', async () => {
    const { payload } = fakePayload([message(10), message(11)]);
    const { handler, invoke } = fakeHandler(true, async (data) => {
      if (offsetsOf(data).includes('10')) throw new PermanentError('bad offer', 'BAD_OFFER');
    });
    const { sut, letters } = makeSut(handler, { maxAttempts: 5 });

    await sut.process(TOPIC, payload);

    expect(invoke.mock.calls.map(([d]) => offsetsOf(d).join(','))).toEqual(['10,11', '10', '11']);
    expect(letters).toEqual([expect.objectContaining({ offset: '10', code: 'BAD_OFFER' })]);
  });

  it('dead-letters the events a batch handler rejects in its outcome, and no others', async () => {
    const { payload, resolveOffset } = fakePayload([message(10), message(11), message(12)]);
    const { handler } = fakeHandler(true, async (data): Promise<BatchOutcome> => {
      const events = data as ConsumedEvent<unknown>[];
      return {
        rejected: [{ event: events[1]!, code: 'INDEX_REJECTED', reason: '400 mapper_parsing_exception' }],
      };
    });
    const { sut, letters } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      topic: TOPIC,
      partition: PARTITION,
      offset: '11',
      key: fixture.offerId,
      code: 'INDEX_REJECTED',
      reason: '400 mapper_parsing_exception',
      attempts: 1,
    });
    expect(letters[0]!.value).toEqual(Buffer.from(JSON.stringify(fixture)));
    expect(resolveOffset).toHaveBeenLastCalledWith('12');
  });

  it('counts the events a batch handler rejects as dead-lettered, not as processed', async () => {
    const { payload } = fakePayload([message(10), message(11), message(12)]);
    const { handler } = fakeHandler(true, async (data): Promise<BatchOutcome> => {
      const events = data as ConsumedEvent<unknown>[];
      return { rejected: [{ event: events[1]!, code: 'INDEX_REJECTED', reason: 'mapping' }] };
    });
    const { sut, metrics } = makeSut(handler);

    await sut.process(TOPIC, payload);

    expect(await counterValue(metrics, 'kafka_messages_processed_total', { outcome: 'ok' })).toBe(2);
    expect(await counterValue(metrics, 'kafka_messages_processed_total', { outcome: 'dead_lettered' })).toBe(
      1,
    );
  });
});

describe('BatchProcessor — stopping', () => {
  it('leaves the offsets of unprocessed messages unresolved when the consumer stops between chunks', async () => {
    const { payload, state, resolveOffset } = fakePayload([message(10), message(11), message(12)]);
    const { handler, invoke } = fakeHandler(false, async () => {
      state.running = false;
    });
    const { sut } = makeSut(handler, { batchSize: 1 });

    await expect(sut.process(TOPIC, payload)).rejects.toThrow(/consumer stopped or rebalancing/);

    expect(invoke).toHaveBeenCalledTimes(1);
    expect(resolveOffset.mock.calls.map(([o]) => o)).not.toContain('11');
    expect(resolveOffset.mock.calls.map(([o]) => o)).not.toContain('12');
  });

  it('gives up a retry without resolving or dead-lettering when the consumer stops meanwhile', async () => {
    const { payload, state, resolveOffset } = fakePayload([message(10), message(11)]);
    const { handler, invoke } = fakeHandler(false, async (data) => {
      if (offsetsOf(data)[0] === '11') {
        state.running = false;
        throw new TransientError('database unavailable');
      }
    });
    const { sut, deadLetters } = makeSut(handler);

    await expect(drive(sut.process(TOPIC, payload))).rejects.toThrow(/consumer stopped or rebalancing/);

    expect(invoke).toHaveBeenCalledTimes(2);
    expect(resolveOffset.mock.calls.map(([o]) => o)).toEqual(['10']);
    expect(deadLetters.send).not.toHaveBeenCalled();
  });

  it('does not start a batch when the consumer is already stopping', async () => {
    const { payload, state, resolveOffset } = fakePayload([message(10)]);
    state.running = false;
    const { handler, invoke } = fakeHandler(true);
    const { sut } = makeSut(handler);

    await expect(sut.process(TOPIC, payload)).rejects.toThrow(/consumer stopped/);

    expect(invoke).not.toHaveBeenCalled();
    expect(resolveOffset).not.toHaveBeenCalled();
  });
});
