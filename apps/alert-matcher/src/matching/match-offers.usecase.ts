import { Inject, Injectable } from '@nestjs/common';
import {
  matchCreatedV1,
  matchCreatedV2,
  MatchExplanation,
  MatchExplanationV2,
  Offer,
  OfferIndexedV2,
} from '@vigie/contracts';
import { UnitOfWork } from '@vigie/database';
import { SubjectCipher } from '@vigie/kernel';
import { BatchOutcome, buildEvent, ConsumedEvent, OutboxWriter, OutgoingEvent } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { matchableOffer, prepareOffer, type PreparedOffer } from '../engine';
import { AlertBook, BookedAlert } from './alert-book';
import { MatchRepository, NewMatch, StoredMatch } from './match.repository';
import { sealMatch } from './seal-match';

type Indexed = ConsumedEvent<OfferIndexedV2>;

/**
 * Whether match events are also published on alerts.match.created.v1 (with the address), for a
 * delivery service that does not consume v2 yet. Dropped once delivery reads v2.
 */
export const EMIT_MATCH_V1 = Symbol('EMIT_MATCH_V1');

interface Found {
  event: Indexed;
  offer: Offer;
  alert: BookedAlert;
  match: NewMatch;
}

/** The v1 explanation, for the first delivery service: words, contract, distance and place. */
export function explanationV1(e: MatchExplanationV2, offer: Offer): MatchExplanation {
  return {
    matchedKeywords: e.terms.map((t) => t.term),
    contractType: e.filters.some((f) => f.criterion === 'contract') ? offer.contract.type : null,
    distanceKm: e.distanceKm,
    radiusKm: e.radiusKm,
    placeLabel: e.placeLabel,
  };
}

/**
 * Matches newly searchable offers against the alerts of one shard (in memory, see AlertBook) and
 * records each new match with its event in one transaction. Idempotent by natural keys: a match
 * exists once per (alert, offer) and once per (alert, duplicate cluster), so a redelivered event
 * or a copy of a job already matched creates no match and no event.
 */
@Injectable()
export class MatchOffersUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly book: AlertBook,
    private readonly matches: MatchRepository,
    private readonly outbox: OutboxWriter,
    @Inject(EMIT_MATCH_V1) private readonly emitV1: boolean,
    private readonly cipher: SubjectCipher,
  ) {}

  /**
   * Each offer analysed once per process: the shard consumers share one decoding
   * (SharedDecoder), hence one event value, so the analysis is memoised on it and dropped with it.
   */
  private readonly prepared = new WeakMap<OfferIndexedV2, PreparedOffer>();

  private prepare(value: OfferIndexedV2, offer: Offer): PreparedOffer {
    let prepared = this.prepared.get(value);
    if (prepared === undefined) {
      prepared = prepareOffer(matchableOffer(value.offerId, offer));
      this.prepared.set(value, prepared);
    }
    return prepared;
  }

  async execute(shard: number, events: readonly Indexed[]): Promise<BatchOutcome> {
    // One match per (alert, offer) and per (alert, cluster) within the batch: the newest version wins.
    const found = new Map<string, Found>();
    for (const event of events) {
      const offer = event.value.offer;
      if (event.value.status !== 'active' || offer === null) continue;
      const indexedAt = new Date(event.value.indexedAt);
      if (offer.validThrough !== null && new Date(offer.validThrough) < indexedAt) continue;
      const hits = this.book.match(shard, this.prepare(event.value, offer));
      for (let i = 0; i < hits.count; i++) {
        const alert = hits.alert(i);
        // Alerts see the offers that became searchable after they were created.
        if (alert === undefined || alert.createdAt > indexedAt) continue;
        const key = `${alert.alertId}/${offer.clusterId ?? event.value.offerId}`;
        const previous = found.get(key);
        if (previous && previous.match.offerVersion >= event.value.version) continue;
        found.set(key, {
          event,
          offer,
          alert,
          match: {
            alertId: alert.alertId,
            offerId: event.value.offerId,
            offerVersion: event.value.version,
            clusterId: offer.clusterId,
            // Built only for the matches kept (the engine's hits are explained on demand).
            explanation: hits.explain(i),
          },
        });
      }
    }
    if (found.size === 0) return { rejected: [] };
    await this.unitOfWork.run(async (tx) => {
      const created = await this.matches.insertNew(
        tx,
        [...found.values()].map((f) => f.match),
      );
      const byPair = new Map([...found.values()].map((f) => [`${f.alert.alertId}/${f.match.offerId}`, f]));
      const events = await Promise.all(
        created.map((m) => this.eventsOf(m, byPair.get(`${m.alertId}/${m.offerId}`)!)),
      );
      await this.outbox.append(tx.manager, events.flat());
    });
    return { rejected: [] };
  }

  private async eventsOf(stored: StoredMatch, f: Found): Promise<OutgoingEvent[]> {
    const { offer, alert, match, event } = f;
    const context = { producer: `vigie/${SERVICE_NAME}`, correlationId: event.envelope.correlationId };
    const placeLabel = offer.place?.commune?.name ?? offer.place?.label ?? null;
    const out = [
      buildEvent(
        matchCreatedV2,
        await sealMatch(this.cipher, {
          matchId: stored.matchId,
          alertId: alert.alertId,
          candidateId: alert.candidateId,
          offerId: match.offerId,
          offerVersion: match.offerVersion,
          clusterId: offer.clusterId,
          frequency: alert.frequency,
          matchedAt: stored.matchedAt.toISOString(),
          offer: {
            title: offer.title,
            companyName: offer.companyName,
            placeLabel,
            contractType: offer.contract.type,
            workingTime: offer.workingTime,
            remote: offer.remote,
            salary: offer.salary
              ? { minAnnualEur: offer.salary.minAnnualEur, maxAnnualEur: offer.salary.maxAnnualEur }
              : null,
            applyUrl: offer.applyUrl,
            publishedAt: offer.publishedAt,
            validThrough: offer.validThrough,
          },
          explanation: match.explanation,
        }),
        context,
      ),
    ];
    // While delivery sends instant alerts from v1, an instant match goes on v1 ONLY: delivery also
    // groups v2 instant matches into an e-mail after its window, so publishing both would mail the
    // candidate twice (once at once from v1, once grouped from v2). Digests go on v2 only.
    if (this.emitV1 && alert.frequency === 'instant') {
      return [
        buildEvent(
          matchCreatedV1,
          {
            matchId: stored.matchId,
            alertId: alert.alertId,
            candidateId: alert.candidateId,
            offerId: match.offerId,
            offerVersion: match.offerVersion,
            frequency: 'instant',
            matchedAt: stored.matchedAt.toISOString(),
            recipient: { email: alert.email },
            offer: {
              title: offer.title,
              companyName: offer.companyName,
              city: placeLabel,
              contractType: offer.contract.type,
              applyUrl: offer.applyUrl,
            },
            explanation: explanationV1(match.explanation, offer),
          },
          context,
        ),
      ];
    }
    return out;
  }
}
