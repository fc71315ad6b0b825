import { Injectable } from '@nestjs/common';
import { matchWithdrawnV1, OfferChangedV2 } from '@vigie/contracts';
import { UnitOfWork } from '@vigie/database';
import { Clock, SubjectCipher } from '@vigie/kernel';
import { BatchOutcome, buildEvent, ConsumedEvent, OutboxWriter } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { MatchRepository } from './match.repository';
import { sealWithdrawal } from './seal-match';

/**
 * An offer that expires or is deleted after it matched: each live match of it is marked withdrawn
 * and announced on alerts.match.withdrawn.v1, so delivery does not send it. Idempotent: a match
 * is withdrawn once, a redelivered event finds nothing left to withdraw.
 */
@Injectable()
export class WithdrawMatchesUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly matches: MatchRepository,
    private readonly outbox: OutboxWriter,
    private readonly cipher: SubjectCipher,
    private readonly clock: Clock,
  ) {}

  async execute(events: readonly ConsumedEvent<OfferChangedV2>[]): Promise<BatchOutcome> {
    const gone = new Map<string, { offerId: string; reason: 'expired' | 'deleted'; correlationId: string }>();
    for (const e of events) {
      const status = e.value.status;
      if (status === 'expired' || status === 'deleted')
        gone.set(e.value.offerId, {
          offerId: e.value.offerId,
          reason: status,
          correlationId: e.envelope.correlationId,
        });
      else gone.delete(e.value.offerId);
    }
    if (gone.size === 0) return { rejected: [] };
    await this.unitOfWork.run(async (tx) => {
      const withdrawn = await this.matches.withdraw(tx, [...gone.values()], this.clock.now());
      const events = await Promise.all(
        withdrawn.map(async (m) =>
          buildEvent(
            matchWithdrawnV1,
            await sealWithdrawal(this.cipher, {
              matchId: m.matchId,
              alertId: m.alertId,
              candidateId: m.candidateId,
              offerId: m.offerId,
              offerVersion: m.offerVersion,
              reason: m.reason,
              withdrawnAt: m.withdrawnAt.toISOString(),
            }),
            { producer: `vigie/${SERVICE_NAME}`, correlationId: gone.get(m.offerId)!.correlationId },
          ),
        ),
      );
      await this.outbox.append(tx.manager, events);
    });
    return { rejected: [] };
  }
}
