import { logicalTopic, physicalTopic } from './kafka-settings';

describe('physicalTopic / logicalTopic', () => {
  it('adds the environment prefix to a logical topic', () => {
    expect(physicalTopic({ topicPrefix: 'ci-42.' }, 'offers.offer.changed.v1')).toBe(
      'ci-42.offers.offer.changed.v1',
    );
  });

  it('leaves names alone without a prefix', () => {
    expect(physicalTopic({ topicPrefix: '' }, 'offers.offer.changed.v1')).toBe('offers.offer.changed.v1');
    expect(logicalTopic({ topicPrefix: '' }, 'offers.offer.changed.v1')).toBe('offers.offer.changed.v1');
  });

  it('removes the prefix it added', () => {
    const settings = { topicPrefix: 'ci-42.' };

    expect(logicalTopic(settings, physicalTopic(settings, 'alerts.match.created.v1'))).toBe(
      'alerts.match.created.v1',
    );
  });

  it('keeps a physical name that does not carry the prefix', () => {
    expect(logicalTopic({ topicPrefix: 'ci-42.' }, 'offers.offer.changed.v1')).toBe(
      'offers.offer.changed.v1',
    );
  });
});
