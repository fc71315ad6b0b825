import { Injectable } from '@nestjs/common';
import { erasureConfirmedV1, type ErasureRequestedV1 } from '@vigie/contracts';
import { Clock } from '@vigie/kernel';
import { buildEvent, EventPublisher } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { CandidateDeliveryStore, ErasedDeliveries } from './candidate-deliveries.port';

/**
 * alert-delivery's part of an erasure: addresses, waiting matches and the e-mail ledger go; the
 * alert ids stay as erased so no late record brings them back. The confirmation is published once
 * the deletion committed (delivery has no outbox): a crash in between is repaired by the
 * redelivery of the request, which finds nothing left and confirms again.
 */
@Injectable()
export class EraseCandidateDeliveriesUseCase {
  constructor(
    private readonly store: CandidateDeliveryStore,
    private readonly publisher: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(request: ErasureRequestedV1): Promise<ErasedDeliveries> {
    const at = this.clock.now();
    const erased = await this.store.erase(request.candidateId, at);
    await this.publisher.publish([
      buildEvent(
        erasureConfirmedV1,
        {
          erasureId: request.erasureId,
          service: SERVICE_NAME,
          confirmedAt: at.toISOString(),
          erased: { ...erased },
        },
        { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
      ),
    ]);
    return erased;
  }
}
