import {
  ENVELOPE_HEADERS,
  headersToEnvelope,
  OfferChangedV2,
  offerChangedV2,
  matchCreatedV1,
  alertChangedV1,
  MatchCreatedV1,
} from '@vigie/contracts';
import { runWithCorrelationId } from '@vigie/observability';
import { goldenFixture } from '@vigie/testing/unit';
import { ZodError } from 'zod';
import { buildEvent, buildParsedEvent, buildTombstone, TOMBSTONE_VALUE } from './outgoing-event';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('buildEvent', () => {
  const active = goldenFixture<OfferChangedV2>('offers.offer.changed.v2', 'active');
  const context = {
    producer: 'vigie/offer-ingestion',
    correlationId: 'req-123',
    eventId: '11111111-2222-4333-8444-555555555555',
    occurredAt: new Date('2026-11-28T09:15:00.000Z'),
  };

  it('targets the topic of the contract and keys the message by the aggregate id', () => {
    const event = buildEvent(offerChangedV2, active, context);

    expect(event.topic).toBe('offers.offer.changed.v2');
    expect(event.key).toBe(active.offerId);
  });

  it('keys match events by alert id, as their contract says', () => {
    const match = goldenFixture<MatchCreatedV1>('alerts.match.created.v1', 'instant');

    expect(buildEvent(matchCreatedV1, match, context).key).toBe(match.alertId);
  });

  it('gives the same message through buildParsedEvent for a value the schema already parsed', () => {
    const parsed = offerChangedV2.value.parse(active);

    expect(buildParsedEvent(offerChangedV2, parsed, context)).toEqual(
      buildEvent(offerChangedV2, active, context),
    );
  });

  it('carries the bare payload as JSON, equal to the value it was given', () => {
    const event = buildEvent(offerChangedV2, active, context);

    expect(JSON.parse(event.value)).toEqual(active);
  });

  it('writes the CloudEvents headers that headersToEnvelope reads back', () => {
    const event = buildEvent(offerChangedV2, active, context);

    for (const header of [
      'ce_id',
      'ce_type',
      'ce_schemaversion',
      'ce_time',
      'ce_correlationid',
      'ce_source',
    ]) {
      expect(event.headers[header]).toEqual(expect.any(String));
    }
    expect(event.headers[ENVELOPE_HEADERS.specVersion]).toBe('1.0');
    expect(event.headers[ENVELOPE_HEADERS.contentType]).toBe('application/json');
    const envelope = headersToEnvelope(event.headers);
    expect(envelope.success).toBe(true);
    expect(envelope.data).toEqual({
      eventId: context.eventId,
      eventType: 'offers.offer.changed',
      schemaVersion: 2,
      occurredAt: '2026-11-28T09:15:00.000Z',
      correlationId: 'req-123',
      producer: 'vigie/offer-ingestion',
    });
    expect(event.eventId).toBe(context.eventId);
  });

  it('generates a fresh uuid event id and the current time when the context does not give them', () => {
    const before = Date.now();
    const first = buildEvent(offerChangedV2, active, { producer: 'vigie/test', correlationId: 'c' });
    const second = buildEvent(offerChangedV2, active, { producer: 'vigie/test', correlationId: 'c' });

    expect(first.eventId).toMatch(UUID);
    expect(first.headers.ce_id).toBe(first.eventId);
    expect(second.eventId).not.toBe(first.eventId);
    const occurredAt = Date.parse(first.headers.ce_time!);
    expect(occurredAt).toBeGreaterThanOrEqual(before);
    expect(occurredAt).toBeLessThanOrEqual(Date.now());
  });

  it('takes the correlation id of the request or message being handled when none is given', () => {
    const event = runWithCorrelationId('incoming-req-42', () =>
      buildEvent(offerChangedV2, active, { producer: 'vigie/test' }),
    );

    expect(event.headers.ce_correlationid).toBe('incoming-req-42');
  });

  it('still sets a correlation id outside any request', () => {
    const event = buildEvent(offerChangedV2, active, { producer: 'vigie/test' });

    expect(event.headers.ce_correlationid).toMatch(UUID);
  });

  it('throws on a value that breaks the contract (a producer bug), naming the field', () => {
    const broken = { ...active, offer: { ...active.offer!, title: '' } };

    expect(() => buildEvent(offerChangedV2, broken, context)).toThrow(ZodError);
    expect(() => buildEvent(offerChangedV2, broken, context)).toThrow(/title/);
  });

  it('throws when the cross-field rule of the contract is broken (active offer without snapshot)', () => {
    expect(() => buildEvent(offerChangedV2, { ...active, offer: null }, context)).toThrow(ZodError);
  });

  it('throws on a non-uuid aggregate id rather than publishing it', () => {
    expect(() => buildEvent(offerChangedV2, { ...active, offerId: 'offer-1' }, context)).toThrow(/offerId/);
  });

  it('does not leak properties the contract does not define', () => {
    const withExtra = { ...active, internalNote: 'do not publish' } as OfferChangedV2;

    const event = buildEvent(offerChangedV2, withExtra, context);

    expect(JSON.parse(event.value)).not.toHaveProperty('internalNote');
  });
});

describe('buildTombstone', () => {
  const context = { producer: 'vigie/alert-matcher', occurredAt: new Date('2026-12-01T20:00:00.000Z') };

  it('carries the key, the envelope of the contract and the tombstone value', () => {
    const tombstone = buildTombstone(alertChangedV1, '0b6c7a52-2f0e-4e0a-9a57-3a1c0f0d8e11', context);

    expect(tombstone).toMatchObject({
      topic: 'alerts.alert.changed.v1',
      key: '0b6c7a52-2f0e-4e0a-9a57-3a1c0f0d8e11',
      value: TOMBSTONE_VALUE,
    });
    expect(headersToEnvelope(tombstone.headers).success).toBe(true);
  });

  it('is refused on a topic that is not compacted, where it would delete nothing', () => {
    expect(() => buildTombstone(offerChangedV2, 'offer-1', context)).toThrow(/not compacted/);
  });
});
