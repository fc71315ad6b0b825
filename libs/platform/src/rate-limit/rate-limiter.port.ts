export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Port: per-key request budgets. */
export abstract class RateLimiter {
  /** Spends one request of `key`'s budget, or says how long until one is available. */
  abstract take(key: string): RateDecision;
}
