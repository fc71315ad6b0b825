import { decodeMessage } from './message-decoder';
import { SharedDecoder } from './shared-decoder';
import { kafkaMessage, TOPIC } from './test/kafka-message.factory';

describe('SharedDecoder', () => {
  it('decodes a record once and hands the same event to every consumer that reaches it', () => {
    const decode = jest.fn(decodeMessage);
    const shared = new SharedDecoder(10, decode);

    const first = shared.decoder(TOPIC, 2, kafkaMessage({ offset: '5' }));
    const second = shared.decoder(TOPIC, 2, kafkaMessage({ offset: '5' }));

    expect(decode).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(first.ok).toBe(true);
  });

  it('tells records apart by partition, offset and timestamp', () => {
    const decode = jest.fn(decodeMessage);
    const shared = new SharedDecoder(10, decode);

    shared.decoder(TOPIC, 2, kafkaMessage({ offset: '5' }));
    shared.decoder(TOPIC, 3, kafkaMessage({ offset: '5' }));
    shared.decoder(TOPIC, 2, kafkaMessage({ offset: '6' }));
    // The same position after the topic was re-created: another record.
    shared.decoder(TOPIC, 2, kafkaMessage({ offset: '5', timestamp: '1764321399999' }));

    expect(decode).toHaveBeenCalledTimes(4);
  });

  it('keeps invalid records memoised too, so each is dead-lettered with the same reason', () => {
    const shared = new SharedDecoder(10);

    const first = shared.decoder(TOPIC, 0, kafkaMessage({ value: Buffer.from('{not json') }));
    const second = shared.decoder(TOPIC, 0, kafkaMessage({ value: Buffer.from('{not json') }));

    expect(first).toMatchObject({ ok: false, code: 'INVALID_JSON' });
    expect(second).toBe(first);
  });

  it('forgets the oldest records past its capacity, and decodes them again when asked', () => {
    const decode = jest.fn(decodeMessage);
    const shared = new SharedDecoder(2, decode);

    for (const offset of ['1', '2', '3']) shared.decoder(TOPIC, 0, kafkaMessage({ offset }));
    shared.decoder(TOPIC, 0, kafkaMessage({ offset: '3' }));
    shared.decoder(TOPIC, 0, kafkaMessage({ offset: '1' }));

    expect(shared.size).toBe(2);
    expect(decode).toHaveBeenCalledTimes(4);
  });
});
