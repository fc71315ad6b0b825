import { EVENT_CATALOGUE, eventDefinitionFor } from './catalogue';
import { deadLetterTopicOf, TOPIC_NAME_PATTERN, TOPICS } from './topics';
import { readGoldenFixtures } from '@vigie/testing/unit';

describe('topic catalogue', () => {
  const names = Object.values(TOPICS);

  it.each(names)('%s follows <domain>.<entity>.<event>.v<major>', (name) => {
    expect(name).toMatch(TOPIC_NAME_PATTERN);
  });

  it('names every topic once', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('rejects names that break the convention', () => {
    for (const bad of [
      'offers.offer.changed',
      'Offers.offer.changed.v1',
      'offers.offer.changed.v0',
      'offers_offer.changed.v1',
      'offers.offer.changed.v2.dlq',
    ]) {
      expect(bad).not.toMatch(TOPIC_NAME_PATTERN);
    }
  });

  it('has exactly one event contract per topic', () => {
    expect(EVENT_CATALOGUE.map((d) => d.topic).sort()).toEqual([...names].sort());
    for (const name of names) expect(eventDefinitionFor(name)?.topic).toBe(name);
  });

  it('derives dead-letter topics from the topic name', () => {
    expect(deadLetterTopicOf(TOPICS.offerChanged)).toBe('offers.offer.changed.v2.dlq');
  });
});

describe('golden fixtures', () => {
  it.each(EVENT_CATALOGUE.map((d) => [d.topic, d] as const))(
    'every fixture of %s satisfies its schema',
    (topic, definition) => {
      const fixtures = readGoldenFixtures(topic);
      expect(fixtures.length).toBeGreaterThan(0);
      for (const { name, value } of fixtures) {
        const parsed = definition.value.safeParse(value);
        expect({ name, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ name, issues: [] });
      }
    },
  );
});
