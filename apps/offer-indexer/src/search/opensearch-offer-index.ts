import { Client } from '@opensearch-project/opensearch';
import {
  GoneDocument,
  HeldVersion,
  IndexOperation,
  IndexOutcome,
  OfferDocument,
  OfferIndex,
} from '../indexing/offer-index.port';
import {
  OFFER_INDEX_GENERATION,
  OFFER_INDEX_MAPPINGS,
  OFFER_INDEX_SETTINGS,
  OFFER_STATES,
} from '@vigie/offer-index';

export interface OfferIndexNames {
  /** What readers and writers use; points at exactly one generation. */
  alias: string;
  /** The concrete index of the current generation, e.g. `offers-v2`. */
  index: string;
}

export function offerIndexNames(prefix: string): OfferIndexNames {
  return { alias: `${prefix}offers`, index: `${prefix}offers-v${OFFER_INDEX_GENERATION}` };
}

interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

export class OpenSearchOfferIndex extends OfferIndex {
  constructor(
    private readonly client: Client,
    private readonly names: OfferIndexNames,
    private readonly replicas: number,
  ) {
    super();
  }

  /**
   * Creates the index of the current generation if needed and points the alias at it alone. A new
   * generation (a bumped OFFER_INDEX_GENERATION) takes the alias over from the previous one in one
   * atomic alias update; the new index starts empty (docs/events.md, "Migration to v2").
   */
  async ensureIndex(): Promise<void> {
    const { alias, index } = this.names;
    const holders = await this.aliasHolders();
    if (holders.length === 1 && holders[0] === index) return;
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

  async write(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    if (operations.length === 0) return [];
    const body: unknown[] = [];
    for (const op of operations) {
      const meta = {
        _index: this.names.alias,
        _id: op.offerId,
        version: op.version,
        version_type: 'external',
      };
      // A gone offer is a versioned document, not a delete: the engine forgets deletes' versions.
      body.push({ index: meta }, op.kind === 'upsert' ? toSource(op.document) : goneSource(op.document));
    }
    const response = await this.client.bulk({ body: body as Record<string, unknown>[] });
    const items = (response.body as { items: Array<Record<string, BulkItemResult>> }).items;
    return items.map((item) => outcomeOf(Object.values(item)[0]!));
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
}

interface MgetDoc {
  _id: string;
  found?: boolean;
  _version?: number;
  _source?: { indexedAt?: string; state?: string };
}

/** The stored form: geo_point wants `lat`/`lon`, our contracts say `latitude`/`longitude`. */
function toSource(document: OfferDocument): Record<string, unknown> {
  const place = document.place;
  return {
    ...document,
    state: OFFER_STATES.live,
    status: 'active',
    place: place && {
      ...place,
      geo: place.geo && { lat: place.geo.latitude, lon: place.geo.longitude },
    },
  };
}

function goneSource(document: GoneDocument): Record<string, unknown> {
  return { ...document, state: OFFER_STATES.gone };
}

function outcomeOf(result: BulkItemResult): IndexOutcome {
  const reason = `${result.status} ${result.error?.type ?? ''} ${result.error?.reason ?? ''}`.trim();
  if (result.status === 200 || result.status === 201) return { status: 'applied' };
  if (result.status === 409) return { status: 'stale' };
  if (result.status === 429 || result.status >= 500) return { status: 'retry', reason };
  return { status: 'rejected', reason };
}
