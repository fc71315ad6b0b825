import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@vigie/database';
import { Clock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { Alert } from './alert';
import { alertChangedEvent } from './alert-changed-event';
import { alertNotFound } from './alert-errors';
import { AlertTransition, applyTransition } from './alert-transitions';
import { AlertRepository } from './alert.repository';

/**
 * Applies one change to an alert: locks it, runs the transition, and when the state moved saves
 * it with its new version and writes alerts.alert.changed.v1 in the same transaction. A repeated
 * change (the same link clicked twice) leaves the version and the topic alone.
 */
@Injectable()
export class ChangeAlertUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** `candidateId` scopes the change to its owner: anyone else's alert is not found. */
  async execute(alertId: string, transition: AlertTransition, candidateId?: string): Promise<Alert> {
    return this.unitOfWork.run(async (tx) => {
      const current = await this.alerts.lock(tx, alertId);
      if (!current || (candidateId !== undefined && current.candidateId !== candidateId))
        throw alertNotFound();
      if (current.status === 'deleted' && transition.kind !== 'delete') throw alertNotFound();
      const next = applyTransition(current, transition, this.clock.now());
      if (next !== current) {
        await this.alerts.save(tx, next);
        await this.outbox.append(tx.manager, [alertChangedEvent(next)]);
      }
      return next;
    });
  }

  /** Unsubscribes every live alert of a candidate (the « unsubscribe from all » link). */
  async unsubscribeAll(candidateId: string): Promise<Alert[]> {
    return this.unitOfWork.run(async (tx) => {
      const at = this.clock.now();
      const changed: Alert[] = [];
      for (const current of await this.alerts.lockForCandidate(tx, candidateId)) {
        if (current.status === 'unsubscribed') continue;
        const next = applyTransition(current, { kind: 'unsubscribe' }, at);
        await this.alerts.save(tx, next);
        changed.push(next);
      }
      await this.outbox.append(tx.manager, changed.map(alertChangedEvent));
      return changed;
    });
  }
}
