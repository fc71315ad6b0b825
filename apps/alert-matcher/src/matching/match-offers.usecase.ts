import { Inject, Injectable } from '@nestjs/common';
import { matchCreatedV1, OfferIndexedV2 } from '@vigie/contracts';
import { UnitOfWork } from '@vigie/database';
import { BatchOutcome, buildEvent, ConsumedEvent, Inbox, OutboxWriter } from '@vigie/messaging';
import { PLACE_DIRECTORY, type PlaceDirectory } from '../alerts/place-directory.port';
import { AlertRepository } from '../alerts/alert.repository';
import { SERVICE_NAME } from '../config';
import { explainMatch, MatchableAlert } from './explain-match';
import { tokenize } from './keywords';
import { matchableAlert } from './matchable-alert';
import { MatchRepository, NewMatch } from './match.repository';

type Indexed = ConsumedEvent<OfferIndexedV2>;

/**
 * Matches newly searchable offers against stored alerts. Matches and their events are written in
 * one transaction with the inbox record of the consumed events, so a redelivered event changes
 * nothing, and each (alert, offer) pair is matched at most once.
 */
@Injectable()
export class MatchOffersUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly alerts: AlertRepository,
    private readonly matches: MatchRepository,
    private readonly outbox: OutboxWriter,
    @Inject(PLACE_DIRECTORY) private readonly places: PlaceDirectory,
  ) {}

  async execute(events: readonly Indexed[]): Promise<BatchOutcome> {
    await this.unitOfWork.run(async (tx) => {
      const fresh = await this.inbox.claim(
        tx.manager,
        events.map((e) => e.envelope.eventId),
      );
      // One candidate match per (alert, offer): when a batch holds several versions, the newest wins.
      const found = new Map<string, { event: Indexed; alert: MatchableAlert; match: NewMatch }>();
      const eligible = events.flatMap((event) => {
        const offer = event.value.offer;
        if (!fresh.has(event.envelope.eventId) || event.value.status !== 'active' || offer === null)
          return [];
        if (offer.validThrough !== null && new Date(offer.validThrough) < new Date(event.value.indexedAt))
          return [];
        const tokens = tokenize(`${offer.title} ${offer.description} ${offer.companyName ?? ''}`);
        return [{ event, offer, tokens }];
      });
      const candidates = await this.alerts.findCandidates(
        tx,
        eligible.map(({ event, offer, tokens }) => ({
          tokens,
          contractType: offer.contract.type,
          // Alerts see the offers that became searchable after they were created.
          notAfter: new Date(event.value.indexedAt),
        })),
      );
      eligible.forEach(({ event, offer, tokens }, i) => {
        const tokenSet = new Set(tokens);
        for (const stored of candidates[i] ?? []) {
          const alert = matchableAlert(stored, this.places);
          const explanation = explainMatch(offer, tokenSet, alert);
          if (!explanation) continue;
          const pair = `${alert.id}/${event.value.offerId}`;
          const previous = found.get(pair);
          if (!previous || previous.match.offerVersion < event.value.version) {
            found.set(pair, {
              event,
              alert,
              match: {
                alertId: alert.id,
                offerId: event.value.offerId,
                offerVersion: event.value.version,
                explanation,
              },
            });
          }
        }
      });
      const created = await this.matches.insertNew(
        tx,
        [...found.values()].map((f) => f.match),
      );
      await this.outbox.append(
        tx.manager,
        created.map((m) => {
          const { event, alert, match } = found.get(`${m.alertId}/${m.offerId}`)!;
          const offer = event.value.offer!;
          return buildEvent(
            matchCreatedV1,
            {
              matchId: m.matchId,
              alertId: alert.id,
              candidateId: alert.candidateId,
              offerId: match.offerId,
              offerVersion: match.offerVersion,
              // v1 knows instant alerts only; digests wait for match-created.v2.
              frequency: 'instant',
              matchedAt: m.matchedAt.toISOString(),
              recipient: { email: alert.email },
              offer: {
                title: offer.title,
                companyName: offer.companyName,
                // The resolved commune when there is one, else the place as the recruiter wrote it.
                city: offer.place?.commune?.name ?? offer.place?.label ?? null,
                contractType: offer.contract.type,
                applyUrl: offer.applyUrl,
              },
              explanation: match.explanation,
            },
            { producer: `vigie/${SERVICE_NAME}`, correlationId: event.envelope.correlationId },
          );
        }),
      );
    });
    return { rejected: [] };
  }
}
