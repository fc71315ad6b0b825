/**
 * Alerts are split into shards by a hash of their id (FNV-1a, 32 bits): stable across processes
 * and versions, and even for random UUIDs. Each matcher instance owns some shards.
 */
export function shardOf(alertId: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < alertId.length; i++) {
    h ^= alertId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/** « all », « 0-3 », « 0,2,5-7 » → the shard numbers, each checked against the total. */
export function parseOwnedShards(spec: string, shards: number): number[] {
  const text = spec.trim();
  if (text === 'all') return Array.from({ length: shards }, (_, i) => i);
  const owned = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new Error(`MATCHER_OWNED_SHARDS: "${part}" is not a shard number or range (e.g. 0-3)`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > to || to >= shards)
      throw new Error(`MATCHER_OWNED_SHARDS: ${part} is outside 0-${shards - 1} (MATCHER_SHARDS=${shards})`);
    for (let s = from; s <= to; s++) owned.add(s);
  }
  return [...owned].sort((a, b) => a - b);
}
