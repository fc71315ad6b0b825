/** What a guarded run came to: it ran (with its result), or another holder had the lock. */
export type ExclusiveRun<T> = { ran: true; value: T } | { ran: false };

/**
 * Port: one run at a time across every instance (reconciliation, reindex). A run that finds the
 * lock taken does not wait: the other holder is doing the same work.
 */
export abstract class RunLock {
  abstract runExclusive<T>(name: string, run: () => Promise<T>): Promise<ExclusiveRun<T>>;
}
