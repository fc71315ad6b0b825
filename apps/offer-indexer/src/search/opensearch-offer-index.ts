import { Client } from '@opensearch-project/opensearch';
import { Clock } from '@vigie/kernel';
import {
  OFFER_INDEX_GENERATION,
  OFFER_INDEX_MAPPINGS,
  OFFER_INDEX_SETTINGS,
  OFFER_STATES,
} from '@vigie/offer-index';
import { searchStatusOf } from '@vigie/search-engine';
import type { Logger } from 'pino';
import {
  HeldVersion,
  IndexedEntry,
  IndexOperation,
  IndexOutcome,
  OfferIndex,
} from '../indexing/offer-index.port';
import { BulkLoadRefresh, type BulkRefreshSettings } from './bulk-load-refresh';
import { type BulkLimits, type BulkRequest, bulkRequests } from './bulk-requests';

export interface OfferIndexNames {
  /** What readers and writers use; points at exactly one generation. */
  alias: string;
  /** The concrete index of the current generation, e.g. `offers-v2`. */
  index: string;
  /**
   * Where a reindex puts the next generation while it backfills it (`npm run reindex:offers`):
   * every write also goes to the indices it names, so nothing written meanwhile is missing after
   * the swap. Absent for the reindex's own writer, which writes to the next generation only.
   */
  backfillAlias?: string;
}

export function offerIndexNames(prefix: string): OfferIndexNames {
  return {
    alias: `${prefix}offers`,
    index: `${prefix}offers-v${OFFER_INDEX_GENERATION}`,
    backfillAlias: `${prefix}offers-backfill`,
  };
}

/**
 * Whether an index belongs to the current generation: the one created at first start
 * (`offers-v3`), or one rebuilt by a reindex (`offers-v3-r20261201193000`).
 */
export function isCurrentGeneration(names: OfferIndexNames, indexName: string): boolean {
  const rebuilt = `${names.index}-r`;
  return (
    indexName === names.index ||
    (indexName.startsWith(rebuilt) && /^\d{14}$/.test(indexName.slice(rebuilt.length)))
  );
}

/** The name of a rebuilt index of the current generation, stamped with its creation time (UTC). */
export function rebuiltIndexName(names: OfferIndexNames, at: Date): string {
  return `${names.index}-r${at
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14)}`;
}

/** How writes travel: requests cut by bytes and count, several in flight, refresh relaxed for bulk loads. */
export interface BulkWriteSettings extends BulkLimits {
  /** Requests of one write in flight at once. */
  concurrency: number;
  refresh: Omit<BulkRefreshSettings, 'normalInterval'>;
}

export const DEFAULT_BULK_WRITE: BulkWriteSettings = {
  maxBytes: 5 * 1024 * 1024,
  maxDocs: 1_000,
  concurrency: 2,
  refresh: { bulkInterval: '30s', bulkMinDocs: 200, idleMs: 5_000 },
};

interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

export class OpenSearchOfferIndex extends OfferIndex {
  private readonly refresh: BulkLoadRefresh;

  constructor(
    private readonly client: Client,
    private readonly names: OfferIndexNames,
    private readonly replicas: number,
    clock: Clock,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    private readonly bulk: BulkWriteSettings = DEFAULT_BULK_WRITE,
  ) {
    super();
    const normalInterval = String(OFFER_INDEX_SETTINGS(replicas).refresh_interval);
    this.refresh = new BulkLoadRefresh(
      { ...bulk.refresh, normalInterval },
      (interval) => this.setRefreshInterval(interval),
      clock,
    );
  }

  /**
   * Creates the index of the current generation on a first start (no index behind the alias). An
   * alias on one index of an older generation is left as it is: the generation bump rebuilds the
   * current one from the database through the zero-downtime reindex (ReindexOffersUseCase
   * .bumpGeneration), while this process keeps writing through the alias, so searches never see an
   * empty index. Several holders (a start from before the alias had one index) are merged onto the
   * current generation in one atomic alias update. The usual refresh interval is set again, in case
   * a previous process died in the middle of a bulk load.
   */
  async ensureIndex(): Promise<void> {
    await this.ensureAlias();
    await this.refresh.restore();
  }

  private async ensureAlias(): Promise<void> {
    const { alias, index } = this.names;
    const holders = await this.aliasHolders();
    // One holder: the current generation (first built or rebuilt by a reindex), or an older one
    // that the generation bump rebuilds. Taking the alias from either would empty search.
    if (holders.length === 1) return;
    const exists = await this.client.indices.exists({ index });
    if (!exists.body) {
      try {
        await this.client.indices.create({
          index,
          body: {
            settings: OFFER_INDEX_SETTINGS(this.replicas),
            mappings: OFFER_INDEX_MAPPINGS,
            ...(holders.length === 0 ? { aliases: { [alias]: { is_write_index: true } } } : {}),
          },
        });
      } catch (e) {
        // Another replica created it first.
        if (!String((e as Error).message).includes('resource_already_exists_exception')) throw e;
      }
    }
    const others = holders.filter((h) => h !== index);
    if (others.length === 0) return;
    try {
      await this.client.indices.updateAliases({
        body: {
          actions: [
            ...others.map((other) => ({ remove: { index: other, alias } })),
            { add: { index, alias, is_write_index: true } },
          ],
        },
      });
    } catch (e) {
      // Another replica moved it first; anything else is a real failure.
      const now = await this.aliasHolders();
      if (!(now.length === 1 && now[0] === index)) throw e;
    }
  }

  /** The indices the alias points at (none before the first start). */
  private async aliasHolders(): Promise<string[]> {
    const response = await this.client.indices.getAlias({ name: this.names.alias }, { ignore: [404] });
    return response.statusCode === 404 ? [] : Object.keys(response.body);
  }

  /**
   * One write, cut into requests by bytes and count, `concurrency` of them in flight. Each item's
   * outcome lands at its operation's position, whatever request carried it and whenever it came
   * back. A request the engine refuses as a whole for load (429) or a failure (5xx) makes its items
   * `retry`, like items refused one by one; a connection failure propagates (the consumer backs off).
   */
  async write(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    if (operations.length === 0) return [];
    await this.refresh
      .beforeWrite(operations.length)
      .catch((e: unknown) =>
        this.logger.warn(
          { err: (e as Error).message },
          'could not relax the refresh interval for a bulk load',
        ),
      );
    const targets = await this.backfillTargets();
    const requests: Array<BulkRequest & { target?: string }> = [
      ...bulkRequests(this.names.alias, operations, this.bulk),
      ...targets.flatMap((target) =>
        bulkRequests(target, operations, this.bulk).map((r) => ({ ...r, target })),
      ),
    ];
    const outcomes = new Array<IndexOutcome>(operations.length);
    const backfill = new Array<IndexOutcome | undefined>(operations.length);
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        (await this.send(request)).forEach((o, j) => {
          const at = request.first + j;
          if (request.target === undefined) outcomes[at] = o;
          else if (o.status === 'retry' || o.status === 'rejected') backfill[at] ??= o;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.bulk.concurrency, requests.length) }, worker));
    return this.mergeBackfill(outcomes, backfill, targets);
  }

  /**
   * The current generation's outcome is the operation's outcome (what is announced), except that
   * an item the next generation asked to retry is retried as a whole: the current one then answers
   * 409 and the use case announces the version it holds. A refusal by the next generation alone
   * is logged; the reindex's catch-up finds and rewrites that offer before the swap.
   */
  private mergeBackfill(
    outcomes: IndexOutcome[],
    backfill: Array<IndexOutcome | undefined>,
    targets: readonly string[],
  ): IndexOutcome[] {
    let refused = 0;
    const merged = outcomes.map((o, i) => {
      const b = backfill[i];
      if (b?.status === 'retry' && o.status !== 'rejected')
        return { status: 'retry' as const, reason: `next generation: ${b.reason}` };
      if (b?.status === 'rejected') refused += 1;
      return o;
    });
    if (refused > 0)
      this.logger.warn({ targets, refused }, 'the next generation refused documents the current one took');
    return merged;
  }

  /** The indices a reindex is backfilling (usually none): one cheap alias lookup per write. */
  private async backfillTargets(): Promise<string[]> {
    if (this.names.backfillAlias === undefined) return [];
    const response = await this.client.indices.getAlias(
      { name: this.names.backfillAlias },
      { ignore: [404] },
    );
    return response.statusCode === 404 ? [] : Object.keys(response.body);
  }

  private async send(request: BulkRequest): Promise<IndexOutcome[]> {
    let items: Array<Record<string, BulkItemResult>>;
    try {
      const response = await this.client.bulk({
        // Already NDJSON: the client sends a string body as it is.
        body: request.body as never,
        filter_path: 'items.*.status,items.*.error.type,items.*.error.reason',
      });
      items = (response.body as { items: Array<Record<string, BulkItemResult>> }).items;
    } catch (e) {
      const status = searchStatusOf(e);
      if (status === undefined || (status !== 429 && status < 500)) throw e;
      const reason = `${status} bulk request refused: ${(e as Error).message}`;
      return Array.from({ length: request.count }, () => ({ status: 'retry', reason }));
    }
    if (items.length !== request.count)
      throw new Error(`bulk answered ${items.length} items for ${request.count} operations`);
    return items.map((item) => outcomeOf(Object.values(item)[0]!));
  }

  /** Called periodically: the usual refresh interval comes back once a bulk load is over. */
  async settleRefresh(): Promise<void> {
    await this.refresh.tick();
  }

  /** At shutdown: leave the index with its usual refresh interval. */
  async restoreRefresh(): Promise<void> {
    if (this.refresh.isRelaxed) await this.refresh.restore();
  }

  private async setRefreshInterval(interval: string): Promise<void> {
    await this.client.indices.putSettings({
      index: this.names.alias,
      body: { index: { refresh_interval: interval } },
    });
    this.logger.info({ index: this.names.alias, refreshInterval: interval }, 'refresh interval set');
  }

  async held(offerIds: readonly string[]): Promise<Map<string, HeldVersion>> {
    const held = new Map<string, HeldVersion>();
    if (offerIds.length === 0) return held;
    // Real-time get: sees a write of this very batch before any refresh.
    const response = await this.client.mget({
      index: this.names.alias,
      body: { ids: [...offerIds] },
      _source_includes: ['indexedAt', 'state'],
    });
    const docs = (response.body as { docs: MgetDoc[] }).docs;
    for (const doc of docs) {
      const live = doc._source?.state !== OFFER_STATES.gone;
      if (doc.found && live && doc._version !== undefined && doc._source?.indexedAt)
        held.set(doc._id, { version: doc._version, indexedAt: doc._source.indexedAt });
    }
    return held;
  }

  async entries(afterId: string | null, limit: number): Promise<IndexedEntry[]> {
    const response = await this.client.search({
      index: this.names.alias,
      body: {
        size: limit,
        query: { match_all: {} },
        sort: [{ offerId: 'asc' }],
        ...(afterId === null ? {} : { search_after: [afterId] }),
        _source: ['state'],
        version: true,
        track_total_hits: false,
      },
    });
    const hits = (response.body as { hits: { hits: EntryHit[] } }).hits.hits;
    return hits.map((h) => ({
      offerId: h._id,
      version: h._version,
      gone: h._source?.state === OFFER_STATES.gone,
    }));
  }

  async remove(offerIds: readonly string[]): Promise<number> {
    if (offerIds.length === 0) return 0;
    const body = offerIds.map(
      (id) => `${JSON.stringify({ delete: { _index: this.names.alias, _id: id } })}\n`,
    );
    const response = await this.client.bulk({ body: body.join('') as never });
    const items = (response.body as { items: Array<Record<string, BulkItemResult>> }).items;
    return items.filter((item) => Object.values(item)[0]!.status === 200).length;
  }
}

interface EntryHit {
  _id: string;
  _version: number;
  _source?: { state?: string };
}

interface MgetDoc {
  _id: string;
  found?: boolean;
  _version?: number;
  _source?: { indexedAt?: string; state?: string };
}

function outcomeOf(result: BulkItemResult): IndexOutcome {
  const reason = `${result.status} ${result.error?.type ?? ''} ${result.error?.reason ?? ''}`.trim();
  if (result.status === 200 || result.status === 201) return { status: 'applied' };
  if (result.status === 409) return { status: 'stale' };
  if (result.status === 429 || result.status >= 500) return { status: 'retry', reason };
  return { status: 'rejected', reason };
}
