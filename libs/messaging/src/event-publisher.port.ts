import { OutgoingEvent } from './outgoing-event';

/** Port: sends events to the bus, in order per key, acknowledged by the bus before it resolves. */
export abstract class EventPublisher {
  abstract publish(events: readonly OutgoingEvent[]): Promise<void>;
}
