import { Clock } from '@vigie/kernel';
import { RateDecision, RateLimiter } from './rate-limiter.port';

export interface TokenBucketSettings {
  /** Requests a key may make in a burst (the bucket size). */
  burst: number;
  /** Sustained requests per minute (the refill rate). */
  perMinute: number;
  /** Buckets kept at most; the least recently used go first (a full bucket is the same as none). */
  maxKeys: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (API key, client IP), in this process's memory, timed by the Clock port. With N replicas a key
 * gets at most N times the budget: set the budget per replica (docs/operations.md, "API keys", "Search").
 */
export class MemoryTokenBucketRateLimiter extends RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly settings: TokenBucketSettings,
    private readonly clock: Clock,
  ) {
    super();
    this.refillPerMs = settings.perMinute / 60_000;
  }

  take(key: string): RateDecision {
    const now = this.clock.nowMs();
    const previous = this.buckets.get(key);
    const tokens = previous
      ? Math.min(this.settings.burst, previous.tokens + (now - previous.at) * this.refillPerMs)
      : this.settings.burst;
    // Re-inserted so the Map's order is least recently used first.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / this.refillPerMs) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.settings.maxKeys) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    return { allowed: true };
  }
}
