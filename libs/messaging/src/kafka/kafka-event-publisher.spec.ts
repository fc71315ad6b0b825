import type { OutgoingEvent } from '../outgoing-event';
import { chunksByBytes } from './kafka-event-publisher';

const event = (key: string, bytes: number): OutgoingEvent => ({
  eventId: key,
  topic: 'offers.offer.indexed.v2',
  key,
  value: 'x'.repeat(bytes),
  headers: {},
});

describe('chunksByBytes', () => {
  it('keeps a small publish in one request', () => {
    const events = [event('a', 100), event('b', 100)];

    expect(chunksByBytes(events, 1_000)).toEqual([events]);
  });

  it('cuts a large publish into consecutive runs under the limit, in order', () => {
    const events = ['a', 'b', 'c', 'd', 'e'].map((k) => event(k, 399));

    const chunks = chunksByBytes(events, 1_000);

    expect(chunks.map((c) => c.map((e) => e.key))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('sends an event larger than the limit alone rather than never', () => {
    const events = [event('a', 10), event('big', 5_000), event('c', 10)];

    expect(chunksByBytes(events, 1_000).map((c) => c.map((e) => e.key))).toEqual([['a'], ['big'], ['c']]);
  });
});
