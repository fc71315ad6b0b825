import { MetricsRegistry } from '@vigie/observability';
import { Producer, ProducerRecord } from 'kafkajs';
import { TransientError } from '../errors';
import { KafkaConnection } from '../kafka/kafka-connection';
import { DeadLetter, DeadLetterPublisher, DLQ_HEADERS } from './dead-letter-publisher';

const letter = (overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  topic: 'offers.offer.changed.v1',
  partition: 4,
  offset: '1234',
  key: Buffer.from('offer-key'),
  value: Buffer.from('{"bad":'),
  headers: { ce_id: '0f8fad5b-d9cb-469f-a165-70867728950e', ce_type: 'offers.offer.changed' },
  code: 'INVALID_JSON',
  reason: 'value is not JSON: Unexpected end of JSON input',
  attempts: 0,
  ...overrides,
});

/** A connection reduced to the producer it hands out; the producer records what it was asked to send. */
function makeSut() {
  const records: ProducerRecord[] = [];
  const producer = { send: jest.fn(async (record: ProducerRecord) => void records.push(record)) };
  const connection = {
    producer: jest.fn(async () => producer as unknown as Producer),
    resetProducer: jest.fn(),
  };
  const metrics = new MetricsRegistry();
  const sut = new DeadLetterPublisher(
    connection as unknown as KafkaConnection,
    { topicPrefix: 'ci-7.' },
    'ci-7.offer-indexer',
    metrics,
  );
  return { sut, records, producer, connection, metrics };
}

describe('DeadLetterPublisher', () => {
  it('parks the message on the prefixed .dlq topic with acks from all replicas, key and value untouched', async () => {
    const { sut, records } = makeSut();

    await sut.send(letter());

    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ topic: 'ci-7.offers.offer.changed.v1.dlq', acks: -1 });
    const message = records[0]!.messages[0]!;
    expect(message.key).toEqual(Buffer.from('offer-key'));
    expect(message.value).toEqual(Buffer.from('{"bad":'));
  });

  it('keeps the original headers and adds why, where from and by whom', async () => {
    const { sut, records } = makeSut();

    await sut.send(letter({ attempts: 3, code: 'HANDLER_FAILED', reason: 'Error: boom' }));

    const headers = records[0]!.messages[0]!.headers as Record<string, string>;
    expect(headers).toMatchObject({
      ce_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      ce_type: 'offers.offer.changed',
      [DLQ_HEADERS.code]: 'HANDLER_FAILED',
      [DLQ_HEADERS.reason]: 'Error: boom',
      [DLQ_HEADERS.group]: 'ci-7.offer-indexer',
      [DLQ_HEADERS.topic]: 'offers.offer.changed.v1',
      [DLQ_HEADERS.partition]: '4',
      [DLQ_HEADERS.offset]: '1234',
      [DLQ_HEADERS.attempts]: '3',
    });
    expect(Number.isNaN(Date.parse(headers[DLQ_HEADERS.failedAt]!))).toBe(false);
  });

  it('bounds the reason header to 2000 characters', async () => {
    const { sut, records } = makeSut();

    await sut.send(letter({ reason: 'x'.repeat(5_000) }));

    expect((records[0]!.messages[0]!.headers as Record<string, string>)[DLQ_HEADERS.reason]).toHaveLength(
      2_000,
    );
  });

  it('counts dead letters by topic and code', async () => {
    const { sut, metrics } = makeSut();

    await sut.send(letter());
    await sut.send(letter({ code: 'SCHEMA_VIOLATION' }));
    await sut.send(letter());

    const { values } = await metrics.counter('kafka_dead_letters_total', '', ['topic', 'code']).get();
    expect(Object.fromEntries(values.map((v) => [v.labels.code, v.value]))).toEqual({
      INVALID_JSON: 2,
      SCHEMA_VIOLATION: 1,
    });
  });

  it('turns a failed publish into a TransientError, resets the producer and counts nothing', async () => {
    const { sut, producer, connection, metrics } = makeSut();
    producer.send.mockRejectedValueOnce(new Error('Broker not available'));

    await expect(sut.send(letter())).rejects.toThrow(TransientError);
    expect(connection.resetProducer).toHaveBeenCalledTimes(1);
    expect((await metrics.counter('kafka_dead_letters_total', '', ['topic', 'code']).get()).values).toEqual(
      [],
    );
  });
});
