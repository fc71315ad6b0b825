import { randomUUID } from 'node:crypto';
import { EventDefinition, KafkaHeaders, envelopeToHeaders } from '@vigie/contracts';
import { currentCorrelationId } from '@vigie/observability';
import { z } from 'zod';

/** An event ready for the wire: logical topic, key, JSON value and envelope headers. */
export interface OutgoingEvent {
  readonly eventId: string;
  readonly topic: string;
  readonly key: string;
  /** The JSON value, or TOMBSTONE_VALUE (published as a null value). */
  readonly value: string;
  readonly headers: KafkaHeaders;
}

export interface EventContext {
  producer: string;
  /** Defaults to the id of the request or message being handled. */
  correlationId?: string;
  eventId?: string;
  occurredAt?: Date;
}

/**
 * The value of a tombstone, as an OutgoingEvent and an outbox row carry it (no JSON value is ever
 * empty): the publisher sends it as a null value, which compaction reads as "delete the key" and
 * the decoder hands to consumers of a compacted topic as a null value.
 */
export const TOMBSTONE_VALUE = '';

/**
 * Validates the value against its contract before it leaves the service: a producer bug fails
 * here, loudly, instead of poisoning every consumer.
 */
export function buildEvent<V extends z.ZodType>(
  definition: EventDefinition<V>,
  value: z.input<V>,
  context: EventContext,
): OutgoingEvent {
  return buildParsedEvent(definition, definition.value.parse(value), context);
}

/**
 * For a value already parsed by the definition's schema, or assembled from parsed parts through a
 * function of the contract that checks the rest (offerIndexedV2OfParsedSnapshot): not parsed twice.
 */
export function buildParsedEvent<V extends z.ZodType>(
  definition: EventDefinition<V>,
  value: z.output<V>,
  context: EventContext,
): OutgoingEvent {
  return outgoing(definition, definition.keyOf(value), JSON.stringify(value), context);
}

/**
 * A tombstone for `key` on a compacted topic (erasure: compaction then removes every earlier
 * record of the key). Refused for any other topic, where it would delete nothing.
 */
export function buildTombstone(
  definition: EventDefinition,
  key: string,
  context: EventContext,
): OutgoingEvent {
  if (!definition.compacted) throw new Error(`${definition.topic} is not compacted: no tombstone`);
  if (key.length === 0) throw new Error('a tombstone needs a key');
  return outgoing(definition, key, TOMBSTONE_VALUE, context);
}

function outgoing(
  definition: EventDefinition,
  key: string,
  value: string,
  context: EventContext,
): OutgoingEvent {
  const eventId = context.eventId ?? randomUUID();
  return {
    eventId,
    topic: definition.topic,
    key,
    value,
    headers: envelopeToHeaders({
      eventId,
      eventType: definition.type,
      schemaVersion: definition.schemaVersion,
      occurredAt: (context.occurredAt ?? new Date()).toISOString(),
      correlationId: context.correlationId ?? currentCorrelationId(),
      producer: context.producer,
    }),
  };
}
