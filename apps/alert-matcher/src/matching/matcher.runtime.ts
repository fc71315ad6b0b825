import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { AlertBook } from './alert-book';
import { AlertChangedFeed } from './alert-changed.feed';
import { MatchOffersUseCase } from './match-offers.usecase';
import { ShardedOfferConsumers } from './sharded-offer.consumers';

export const MATCHER_LOGGER = Symbol('MATCHER_LOGGER');

/**
 * Starts matching in order: the alerts first (Postgres, then the topic), then the offer consumers
 * of the owned shards, so no offer is matched against a half-loaded book. Not ready until then.
 */
@Injectable()
export class MatcherRuntime implements OnApplicationBootstrap, OnApplicationShutdown, HealthCheck {
  readonly name = 'alert-book';
  private state: 'loading' | 'matching' | 'stopped' = 'loading';
  private starting: Promise<void> | undefined;

  constructor(
    private readonly book: AlertBook,
    private readonly feed: AlertChangedFeed,
    private readonly consumers: ShardedOfferConsumers,
    private readonly matchOffers: MatchOffersUseCase,
    @Inject(MATCHER_LOGGER) private readonly logger: Logger,
    health: HealthRegistry,
  ) {
    health.register(this);
  }

  onApplicationBootstrap(): void {
    this.feed.start();
    this.starting = this.feed.ready.then(() => {
      if (this.state === 'stopped') return;
      this.consumers.start(this.book.owned, (shard, events) => this.matchOffers.execute(shard, events));
      this.state = 'matching';
      this.logger.info({ shards: this.book.owned, alerts: this.book.size }, 'matching offers');
    });
    this.starting.catch((e: unknown) =>
      this.logger.error(
        { err: e instanceof Error ? e.message : String(e) },
        'alerts failed to load; not matching',
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.state = 'stopped';
    await this.consumers.close();
    await this.feed.close();
  }

  check(): Promise<HealthCheckResult> {
    const unjoined = this.state === 'matching' ? this.consumers.unjoined() : [];
    const detail = `${this.state}: ${this.book.size} active alerts in shards ${this.book.owned.join(',')}`;
    return Promise.resolve({
      up: this.state === 'matching' && unjoined.length === 0,
      detail: unjoined.length === 0 ? detail : `${detail}; not joined: ${unjoined.join('; ')}`,
    });
  }
}
