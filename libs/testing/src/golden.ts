import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

const FIXTURES = join(repoRoot(), 'libs', 'contracts', 'fixtures');

/**
 * Canonical events shared by producer and consumer tests: the producer's output must equal them,
 * and the consumer must accept them. They live next to the contracts they illustrate.
 */
export function readGoldenFixtures(topic: string): Array<{ name: string; value: unknown }> {
  const dir = join(FIXTURES, topic);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      value: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown,
    }));
}

export function goldenFixture<T = unknown>(topic: string, name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, topic, `${name}.json`), 'utf8')) as T;
}
