import { randomUUID } from 'node:crypto';
import { EventDefinition, KafkaHeaders, envelopeToHeaders } from '@vigie/contracts';
import { currentCorrelationId } from '@vigie/observability';
import { z } from 'zod';

/** An event ready for the wire: logical topic, key, JSON value and envelope headers. */
export interface OutgoingEvent {
  readonly eventId: string;
  readonly topic: string;
  readonly key: string;
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
 * Validates the value against its contract before it leaves the service: a producer bug fails
 * here, loudly, instead of poisoning every consumer.
 */
export function buildEvent<V extends z.ZodType>(
  definition: EventDefinition<V>,
  value: z.input<V>,
  context: EventContext,
): OutgoingEvent {
  const parsed = definition.value.parse(value);
  const eventId = context.eventId ?? randomUUID();
  return {
    eventId,
    topic: definition.topic,
    key: definition.keyOf(parsed),
    value: JSON.stringify(parsed),
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
