import { Decoded, decodeMessage, MessageDecoder } from './message-decoder';

/**
 * One decoding per record for several consumers of one process reading the same topic (the
 * alert-matcher's shard groups each fetch every indexed offer): the first to reach a record parses
 * and validates it, the others get the same result. Records are told apart by topic, partition,
 * offset and timestamp, so a topic deleted and re-created does not hand back an old payload. The
 * memo keeps the last `capacity` records (insertion order): a consumer lagging further behind
 * than that decodes again, which costs time, never correctness. Decoded events are shared: the
 * handlers behind it must not mutate them (none does; they are read-only by contract).
 */
export class SharedDecoder {
  private readonly memo = new Map<string, Decoded>();

  constructor(
    private readonly capacity = 5_000,
    private readonly decode: MessageDecoder = decodeMessage,
  ) {}

  readonly decoder: MessageDecoder = (topic, partition, message) => {
    const key = `${topic}\u0000${partition}\u0000${message.offset}\u0000${message.timestamp}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const decoded = this.decode(topic, partition, message);
    this.memo.set(key, decoded);
    if (this.memo.size > this.capacity) this.memo.delete(this.memo.keys().next().value!);
    return decoded;
  };

  get size(): number {
    return this.memo.size;
  }
}
