import { z } from 'zod';
import { Offer, OfferSchema, OfferStatus, OfferStatusSchema } from '../common/offer';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * Published once a version is what the index really holds: searchable (active) or gone from
 * search (expired, deleted). Never for a stale write behind a newer version or a deletion; a
 * redelivered version the index holds may be announced again, with its original indexedAt.
 */
/** The announcement's own fields, apart from the offer's snapshot. */
const OfferIndexedV2HeadSchema = z.object({
  offerId: z.uuid(),
  recruiterId: z.uuid(),
  version: z.number().int().min(1),
  status: OfferStatusSchema,
  indexedAt: z.iso.datetime({ offset: true }),
});

const SNAPSHOT_RULE = 'an active offer carries its snapshot; an expired or deleted one carries none';
const snapshotMatchesStatus = (v: { status: OfferStatus; offer: Offer | null }) =>
  (v.status === 'active') === (v.offer !== null);

export const OfferIndexedV2Schema = OfferIndexedV2HeadSchema.extend({ offer: OfferSchema.nullable() }).refine(
  snapshotMatchesStatus,
  { message: SNAPSHOT_RULE, path: ['offer'] },
);

export type OfferIndexedV2 = z.infer<typeof OfferIndexedV2Schema>;

export const offerIndexedV2 = defineEvent({
  topic: TOPICS.offerIndexed,
  type: 'offers.offer.indexed',
  schemaVersion: 2,
  value: OfferIndexedV2Schema,
  keyOf: (v) => v.offerId,
});

/**
 * The announcement of a snapshot already parsed by OfferSchema on its way in (the indexer parsed it
 * with the changed event, or read it from Postgres through the same schema): only the announcement's
 * own fields and the status rule are checked here. Parsing it a second time, to publish it, was
 * about a quarter of building each announcement (docs/search.md, "What the indexer pays per offer").
 */
export function offerIndexedV2OfParsedSnapshot(
  head: z.input<typeof OfferIndexedV2HeadSchema>,
  offer: Offer | null,
): OfferIndexedV2 {
  const value = { ...OfferIndexedV2HeadSchema.parse(head), offer };
  if (!snapshotMatchesStatus(value)) throw new Error(`offers.offer.indexed: ${SNAPSHOT_RULE}`);
  return value;
}
