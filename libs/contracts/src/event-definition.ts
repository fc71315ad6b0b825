import { z } from 'zod';

/** Everything a producer and a consumer must agree on for one topic. */
export interface EventDefinition<V extends z.ZodType = z.ZodType> {
  readonly topic: string;
  /** Stable event type, also carried in the `ce_type` header. */
  readonly type: string;
  readonly schemaVersion: number;
  readonly value: V;
  /** The Kafka key: the aggregate id, so events about one aggregate stay in order. */
  readonly keyOf: (value: z.infer<V>) => string;
  /** Retention of the topic and its dead letters, when it must be bounded (personal data). */
  readonly retentionMs?: number;
  /**
   * A compacted topic keeps the latest value per key; a null value (tombstone) deletes the key.
   * Consumers of such a topic receive tombstones as events whose value is null.
   */
  readonly compacted?: boolean;
}

export function defineEvent<V extends z.ZodType>(definition: EventDefinition<V>): EventDefinition<V> {
  return Object.freeze(definition);
}

export type EventValue<D> = D extends EventDefinition<infer V> ? z.infer<V> : never;
