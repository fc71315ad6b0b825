import { headersToEnvelope, OfferChangedV2, offerChangedV2 } from '@vigie/contracts';
import { runWithCorrelationId } from '@vigie/observability';
import { goldenFixture } from '@vigie/testing/unit';
import { offerChangedEvent } from './offer-events';
import { OfferChange } from './offer.repository';

const TOPIC = 'offers.offer.changed.v2';

/** The stored change that the golden fixture announces. */
function changeFrom(fixture: OfferChangedV2): OfferChange {
  const { publishedAt, ...content } = fixture.offer ?? { publishedAt: '2026-11-27T08:00:00.000Z' };
  return {
    offerId: fixture.offerId,
    externalRef: fixture.externalRef,
    version: fixture.version,
    status: fixture.status,
    content: fixture.offer ? (content as OfferChange['content']) : null,
    publishedAt: new Date(publishedAt),
    changedAt: new Date(fixture.changedAt),
    created: false,
  };
}

describe('offerChangedEvent', () => {
  const active = goldenFixture<OfferChangedV2>(TOPIC, 'active');
  const deleted = goldenFixture<OfferChangedV2>(TOPIC, 'deleted');

  it('produces exactly the golden fixture for an active offer', () => {
    const event = offerChangedEvent(active.recruiterId, changeFrom(active));

    expect(JSON.parse(event.value)).toEqual(active);
  });

  it('produces exactly the golden fixture for a deleted offer', () => {
    const event = offerChangedEvent(deleted.recruiterId, changeFrom(deleted));

    expect(JSON.parse(event.value)).toEqual(deleted);
  });

  it('produces a value that satisfies the offerChangedV2 contract', () => {
    const event = offerChangedEvent(active.recruiterId, changeFrom(active));

    expect(offerChangedV2.value.safeParse(JSON.parse(event.value)).success).toBe(true);
  });

  it('keys the event by offer id on the offer-changed topic', () => {
    const event = offerChangedEvent(active.recruiterId, changeFrom(active));

    expect(event.topic).toBe(TOPIC);
    expect(event.key).toBe(active.offerId);
  });

  it('dates the envelope at the change and names this service as its source', () => {
    const event = runWithCorrelationId('req-publish-1', () =>
      offerChangedEvent(active.recruiterId, changeFrom(active)),
    );

    expect(headersToEnvelope(event.headers).data).toMatchObject({
      eventType: 'offers.offer.changed',
      schemaVersion: 2,
      occurredAt: active.changedAt,
      producer: 'vigie/offer-ingestion',
      correlationId: 'req-publish-1',
    });
  });

  it('refuses to build an event for an active change without content', () => {
    expect(() => offerChangedEvent(active.recruiterId, { ...changeFrom(active), content: null })).toThrow();
  });
});
