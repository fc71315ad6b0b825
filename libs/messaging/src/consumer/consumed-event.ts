import { Envelope, KafkaHeaders } from '@vigie/contracts';

/** A message that passed envelope and schema validation, as handed to a handler. */
export interface ConsumedEvent<T> {
  /** Logical topic name (without the environment prefix). */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: T;
  readonly envelope: Envelope;
  readonly headers: KafkaHeaders;
  /** The bytes as received, kept so a dead letter carries exactly what was consumed. */
  readonly rawValue: Buffer | null;
}

/** What a batch handler reports back: the events it could never process, with the reason. */
export interface BatchOutcome {
  readonly rejected: ReadonlyArray<{
    readonly event: ConsumedEvent<unknown>;
    readonly reason: string;
    readonly code: string;
  }>;
}

/** Extras for `@EventPattern(topic, BATCH)`: the handler receives arrays of events. */
export const BATCH = Object.freeze({ batch: true });
