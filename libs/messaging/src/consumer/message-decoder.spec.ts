import { KafkaHeaders, OfferChangedV2, TOPICS } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import { decodeMessage, headersToStrings } from './message-decoder';
import { envelopeHeaders, EVENT_ID, kafkaMessage, TOPIC } from './test/kafka-message.factory';

function withoutHeader(name: string): KafkaHeaders {
  const headers = envelopeHeaders();
  delete headers[name];
  return headers;
}

describe('decodeMessage', () => {
  it('decodes a golden fixture with its envelope, key, offset and raw bytes', () => {
    const message = kafkaMessage({ offset: '7' });

    const decoded = decodeMessage(TOPIC, 3, message);

    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.event.value).toEqual(goldenFixture<OfferChangedV2>('offers.offer.changed.v2', 'active'));
    expect(decoded.event).toMatchObject({
      topic: TOPIC,
      partition: 3,
      offset: '7',
      key: '6f1c2b7e-3d4a-4c1e-9b2f-8a7d5e4c3b21',
    });
    expect(decoded.event.envelope).toEqual({
      eventId: EVENT_ID,
      eventType: 'offers.offer.changed',
      schemaVersion: 2,
      occurredAt: '2026-11-28T09:15:00.000Z',
      correlationId: 'corr-1',
      producer: 'vigie/offer-ingestion',
    });
    expect(decoded.event.headers.ce_id).toBe(EVENT_ID);
    expect(decoded.event.rawValue).toBe(message.value);
  });

  it('decodes every golden fixture of the topic (deleted offers too)', () => {
    const deleted = goldenFixture('offers.offer.changed.v2', 'deleted');

    const decoded = decodeMessage(TOPIC, 0, kafkaMessage({ value: Buffer.from(JSON.stringify(deleted)) }));

    expect(decoded.ok && decoded.event.value).toEqual(deleted);
  });

  it('gives a null key when the message has none', () => {
    const decoded = decodeMessage(TOPIC, 0, kafkaMessage({ key: null }));

    expect(decoded.ok && decoded.event.key).toBeNull();
  });

  it('refuses a topic without a contract', () => {
    const decoded = decodeMessage('offers.offer.unknown.v1', 0, kafkaMessage());

    expect(decoded).toMatchObject({ ok: false, code: 'UNKNOWN_TOPIC' });
    expect(!decoded.ok && decoded.reason).toContain('offers.offer.unknown.v1');
  });

  it('refuses a message without ce_id as an invalid envelope, naming the field', () => {
    const decoded = decodeMessage(TOPIC, 0, kafkaMessage({ headers: withoutHeader('ce_id') }));

    expect(decoded).toMatchObject({ ok: false, code: 'INVALID_ENVELOPE' });
    expect(!decoded.ok && decoded.reason).toContain('eventId');
  });

  it('refuses a ce_id that is not a uuid as an invalid envelope', () => {
    const decoded = decodeMessage(
      TOPIC,
      0,
      kafkaMessage({ headers: envelopeHeaders({ ce_id: 'not-a-uuid' }) }),
    );

    expect(decoded).toMatchObject({ ok: false, code: 'INVALID_ENVELOPE' });
  });

  it.each(['ce_time', 'ce_correlationid', 'ce_source', 'ce_type'])(
    'refuses a message without %s as an invalid envelope',
    (header) => {
      const decoded = decodeMessage(TOPIC, 0, kafkaMessage({ headers: withoutHeader(header) }));

      expect(decoded).toMatchObject({ ok: false, code: 'INVALID_ENVELOPE' });
    },
  );

  it('refuses an event of another type on the topic', () => {
    const decoded = decodeMessage(
      TOPIC,
      0,
      kafkaMessage({ headers: envelopeHeaders({ ce_type: 'offers.offer.indexed' }) }),
    );

    expect(decoded).toMatchObject({ ok: false, code: 'UNEXPECTED_EVENT_TYPE' });
    expect(!decoded.ok && decoded.reason).toBe(
      'ce_type is offers.offer.indexed, expected offers.offer.changed',
    );
  });

  it('refuses a schema version it does not support', () => {
    const decoded = decodeMessage(
      TOPIC,
      0,
      kafkaMessage({ headers: envelopeHeaders({ ce_schemaversion: '1' }) }),
    );

    expect(decoded).toMatchObject({ ok: false, code: 'UNSUPPORTED_SCHEMA_VERSION' });
  });

  it('refuses a value that is not JSON', () => {
    const decoded = decodeMessage(TOPIC, 0, kafkaMessage({ value: Buffer.from('{"offerId": ') }));

    expect(decoded).toMatchObject({ ok: false, code: 'INVALID_JSON' });
    expect(!decoded.ok && decoded.reason).toMatch(/^value is not JSON: /);
  });

  it('refuses a value that breaks the schema, naming the field path', () => {
    const fixture = goldenFixture<OfferChangedV2>('offers.offer.changed.v2', 'active');
    const broken = { ...fixture, offer: { ...fixture.offer!, title: '' } };

    const decoded = decodeMessage(TOPIC, 0, kafkaMessage({ value: Buffer.from(JSON.stringify(broken)) }));

    expect(decoded).toMatchObject({ ok: false, code: 'SCHEMA_VIOLATION' });
    expect(!decoded.ok && decoded.reason).toMatch(/^offer\.title: /);
  });

  it('names nested field paths, and the whole value as (value)', () => {
    const fixture = goldenFixture<OfferChangedV2>('offers.offer.changed.v2', 'active');
    const badGeo = {
      ...fixture,
      offer: {
        ...fixture.offer!,
        place: { ...fixture.offer!.place!, geo: { latitude: 91, longitude: 0 } },
      },
    };

    const nested = decodeMessage(TOPIC, 0, kafkaMessage({ value: Buffer.from(JSON.stringify(badGeo)) }));
    const root = decodeMessage(TOPIC, 0, kafkaMessage({ value: Buffer.from('[]') }));

    expect(!nested.ok && nested.reason).toContain('offer.place.geo.latitude');
    expect(root).toMatchObject({ ok: false, code: 'SCHEMA_VIOLATION' });
    expect(!root.ok && root.reason).toMatch(/^\(value\): /);
  });

  it('refuses a message without a value (a tombstone)', () => {
    expect(decodeMessage(TOPIC, 0, kafkaMessage({ value: null }))).toMatchObject({
      ok: false,
      code: 'EMPTY_VALUE',
    });
    expect(decodeMessage(TOPIC, 0, kafkaMessage({ value: Buffer.alloc(0) }))).toMatchObject({
      ok: false,
      code: 'EMPTY_VALUE',
    });
  });

  it('hands a tombstone of a compacted topic over as an event with a null value', () => {
    const headers = envelopeHeaders({
      ce_type: 'alerts.alert.changed',
      ce_schemaversion: '1',
      ce_source: 'vigie/alert-matcher',
    });
    const key = 'c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d';

    const decoded = decodeMessage(TOPICS.alertChanged, 1, kafkaMessage({ value: null, headers, key }));

    expect(decoded).toMatchObject({ ok: true, event: { key, value: null, topic: TOPICS.alertChanged } });
  });

  it('dead-letters a keyless tombstone: there is nothing it could delete', () => {
    const headers = envelopeHeaders({ ce_type: 'alerts.alert.changed', ce_schemaversion: '1' });

    const decoded = decodeMessage(TOPICS.alertChanged, 1, kafkaMessage({ value: null, headers, key: null }));

    expect(decoded).toMatchObject({ ok: false, code: 'EMPTY_VALUE' });
  });

  it('keeps the message and its headers on a failure, for the dead letter', () => {
    const message = kafkaMessage({ value: Buffer.from('nope') });

    const decoded = decodeMessage(TOPIC, 0, message);

    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.message).toBe(message);
    expect(decoded.headers).toEqual(envelopeHeaders());
  });
});

describe('headersToStrings', () => {
  it('decodes Buffer and string values, takes the first of repeated headers and drops undefined ones', () => {
    const decoded = headersToStrings({
      a: Buffer.from('from-buffer'),
      b: 'plain',
      c: [Buffer.from('first'), 'second'],
      d: undefined,
      e: [],
    });

    expect(decoded).toEqual({ a: 'from-buffer', b: 'plain', c: 'first' });
  });

  it('returns no headers for a message without any', () => {
    expect(headersToStrings(undefined)).toEqual({});
  });
});
