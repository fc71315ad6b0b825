import { z } from 'zod';

/**
 * The envelope travels in Kafka headers (CloudEvents 1.0 Kafka binding, binary mode), so the
 * value stays the bare payload and any CloudEvents-aware tool can read our topics.
 */
export const ENVELOPE_HEADERS = {
  specVersion: 'ce_specversion',
  eventId: 'ce_id',
  eventType: 'ce_type',
  schemaVersion: 'ce_schemaversion',
  occurredAt: 'ce_time',
  correlationId: 'ce_correlationid',
  producer: 'ce_source',
  contentType: 'content-type',
} as const;

export const EnvelopeSchema = z.object({
  eventId: z.uuid(),
  eventType: z.string().min(1),
  schemaVersion: z.coerce.number().int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1).max(200),
  producer: z.string().min(1),
});

export type Envelope = z.infer<typeof EnvelopeSchema>;

export type KafkaHeaders = Record<string, string>;

export function envelopeToHeaders(envelope: Envelope): KafkaHeaders {
  return {
    [ENVELOPE_HEADERS.specVersion]: '1.0',
    [ENVELOPE_HEADERS.eventId]: envelope.eventId,
    [ENVELOPE_HEADERS.eventType]: envelope.eventType,
    [ENVELOPE_HEADERS.schemaVersion]: String(envelope.schemaVersion),
    [ENVELOPE_HEADERS.occurredAt]: envelope.occurredAt,
    [ENVELOPE_HEADERS.correlationId]: envelope.correlationId,
    [ENVELOPE_HEADERS.producer]: envelope.producer,
    [ENVELOPE_HEADERS.contentType]: 'application/json',
  };
}

export function headersToEnvelope(headers: Readonly<Record<string, string | undefined>>) {
  return EnvelopeSchema.safeParse({
    eventId: headers[ENVELOPE_HEADERS.eventId],
    eventType: headers[ENVELOPE_HEADERS.eventType],
    schemaVersion: headers[ENVELOPE_HEADERS.schemaVersion],
    occurredAt: headers[ENVELOPE_HEADERS.occurredAt],
    correlationId: headers[ENVELOPE_HEADERS.correlationId],
    producer: headers[ENVELOPE_HEADERS.producer],
  });
}
