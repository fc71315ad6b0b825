/**
 * Port: where a candidate's verified notification address is announced (cv-intake stores none).
 * The adapter appends it to the outbox, keyed by candidate, for the compacted
 * `candidates.notification-address.changed.v1`.
 */
export abstract class NotificationAddressLog {
  abstract publish(candidateId: string, email: string, at: Date): Promise<void>;
}
