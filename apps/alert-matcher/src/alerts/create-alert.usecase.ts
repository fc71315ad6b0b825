import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AlertFrequency, AlertSchedule, SearchCriteria } from '@vigie/contracts';
import { UnitOfWork } from '@vigie/database';
import { Clock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { Alert, DEFAULT_SCHEDULE } from './alert';
import { alertChangedEvent } from './alert-changed-event';
import { AlertCriteriaPolicy } from './alert-criteria';
import { AlertError } from './alert-errors';
import { AlertRepository } from './alert.repository';

export const ALERTS_PER_ADDRESS_MAX = Symbol('ALERTS_PER_ADDRESS_MAX');

/** Who asks: a candidate with a verified token, or only an address (double opt-in). */
export type AlertOwner =
  | { kind: 'candidate'; candidateId: string; email: string }
  | { kind: 'address'; email: string };

export interface CreateAlertCommand {
  owner: AlertOwner;
  criteria: SearchCriteria;
  frequency?: AlertFrequency | undefined;
  schedule?: Partial<AlertSchedule> | undefined;
  /** The client's `Idempotency-Key`: a creation retried with it answers the alert of the first. */
  idempotencyKey?: string | undefined;
}

/**
 * A pseudonymous candidate id for an address without an account: stable, so the address's alerts
 * can be listed and unsubscribed together, and not the address itself.
 */
export function addressCandidateId(email: string): string {
  return `addr-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}

@Injectable()
export class CreateAlertUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxWriter,
    private readonly policy: AlertCriteriaPolicy,
    private readonly clock: Clock,
    @Inject(ALERTS_PER_ADDRESS_MAX) private readonly maxPerAddress: number,
  ) {}

  /**
   * A verified candidate's alert is active at once; an address-only alert is pending until its
   * owner confirms it from the e-mail alert-delivery sends on the pending state.
   */
  async execute(command: CreateAlertCommand): Promise<Alert> {
    const { owner } = command;
    const criteria = this.policy.check(command.criteria, 'criteria');
    const schedule = this.policy.schedule(command.schedule, DEFAULT_SCHEDULE);
    const candidateId = owner.kind === 'candidate' ? owner.candidateId : addressCandidateId(owner.email);
    const key = command.idempotencyKey;
    return this.unitOfWork.run(async (tx) => {
      if (key !== undefined) {
        // The key's first creation wins, whatever this one asks: the client retries one request.
        const earlier = await this.alerts.lockIdempotencyKey(tx, candidateId, key);
        if (earlier) return earlier;
      }
      if ((await this.alerts.countLiveForAddress(tx, owner.email)) >= this.maxPerAddress) {
        throw new AlertError('ALERT_LIMIT_REACHED', `at most ${this.maxPerAddress} alerts per address`, [
          { field: 'email', reason: `already has ${this.maxPerAddress} alerts` },
        ]);
      }
      const alert = await this.alerts.insert(
        tx,
        {
          candidateId,
          email: owner.email,
          criteria,
          frequency: command.frequency ?? 'instant',
          schedule,
          status: owner.kind === 'candidate' ? 'active' : 'pending',
        },
        this.clock.now(),
        key,
      );
      await this.outbox.append(tx.manager, [alertChangedEvent(alert)]);
      return alert;
    });
  }
}
