import { envelopeToHeaders, KafkaHeaders, TOPICS } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import { IHeaders, KafkaMessage } from 'kafkajs';

export const TOPIC = TOPICS.offerChanged;
export const EVENT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

export function envelopeHeaders(overrides: KafkaHeaders = {}): KafkaHeaders {
  return {
    ...envelopeToHeaders({
      eventId: EVENT_ID,
      eventType: 'offers.offer.changed',
      schemaVersion: 2,
      occurredAt: '2026-11-28T09:15:00.000Z',
      correlationId: 'corr-1',
      producer: 'vigie/offer-ingestion',
    }),
    ...overrides,
  };
}

/** A message as kafkajs hands it over: Buffers for key, value and header values. */
export function kafkaMessage(
  options: {
    value?: Buffer | null;
    headers?: KafkaHeaders;
    key?: string | null;
    offset?: string;
    timestamp?: string;
  } = {},
): KafkaMessage {
  const headers: IHeaders = {};
  for (const [name, v] of Object.entries(options.headers ?? envelopeHeaders()))
    headers[name] = Buffer.from(v);
  const value =
    options.value === undefined
      ? Buffer.from(JSON.stringify(goldenFixture('offers.offer.changed.v2', 'active')))
      : options.value;
  return {
    key: options.key === null ? null : Buffer.from(options.key ?? '6f1c2b7e-3d4a-4c1e-9b2f-8a7d5e4c3b21'),
    value,
    headers,
    offset: options.offset ?? '42',
    timestamp: options.timestamp ?? '1764321300000',
    attributes: 0,
  };
}
