import { eventDefinitionFor, headersToEnvelope, KafkaHeaders } from '@vigie/contracts';
import { IHeaders, KafkaMessage } from 'kafkajs';
import { ConsumedEvent } from './consumed-event';

export type Decoded =
  | { ok: true; event: ConsumedEvent<unknown> }
  | { ok: false; code: string; reason: string; message: KafkaMessage; headers: KafkaHeaders };

/** How a BatchProcessor turns a fetched message into an event (or a dead-letter reason). */
export type MessageDecoder = (topic: string, partition: number, message: KafkaMessage) => Decoded;

export function headersToStrings(headers: IHeaders | undefined): KafkaHeaders {
  const out: KafkaHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(value)'}: ${i.message}`)
    .join('; ');
}

/** Checks the envelope headers, the JSON and the payload schema of the topic; names the failing field. */
export function decodeMessage(topic: string, partition: number, message: KafkaMessage): Decoded {
  const headers = headersToStrings(message.headers);
  const fail = (code: string, reason: string): Decoded => ({ ok: false, code, reason, message, headers });

  const definition = eventDefinitionFor(topic);
  if (!definition) return fail('UNKNOWN_TOPIC', `no contract for topic ${topic}`);

  const envelope = headersToEnvelope(headers);
  if (!envelope.success)
    return fail('INVALID_ENVELOPE', `envelope header ${describeIssues(envelope.error.issues)}`);
  if (envelope.data.eventType !== definition.type) {
    return fail(
      'UNEXPECTED_EVENT_TYPE',
      `ce_type is ${envelope.data.eventType}, expected ${definition.type}`,
    );
  }
  if (envelope.data.schemaVersion !== definition.schemaVersion) {
    return fail(
      'UNSUPPORTED_SCHEMA_VERSION',
      `ce_schemaversion ${envelope.data.schemaVersion} is not ${definition.schemaVersion}`,
    );
  }
  const event = (value: unknown): Decoded => ({
    ok: true,
    event: {
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
      value,
      envelope: envelope.data,
      headers,
      rawValue: message.value,
    },
  });
  if (message.value === null || message.value.length === 0) {
    // On a compacted topic a null value is a tombstone: the key's record is gone (e.g. erasure).
    if (definition.compacted && message.key && message.key.length > 0) return event(null);
    return fail('EMPTY_VALUE', 'message has no value');
  }

  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (e) {
    return fail('INVALID_JSON', `value is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = definition.value.safeParse(json);
  if (!parsed.success) return fail('SCHEMA_VIOLATION', describeIssues(parsed.error.issues));

  return event(parsed.data);
}
