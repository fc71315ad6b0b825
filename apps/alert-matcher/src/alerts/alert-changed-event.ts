import { AlertChangedV1, alertChangedV1 } from '@vigie/contracts';
import { buildEvent, OutgoingEvent } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { Alert } from './alert';

/** The alert's whole state, as announced on the compacted topic and served by the internal API. */
export function alertState(a: Alert): AlertChangedV1 {
  return {
    alertId: a.id,
    candidateId: a.candidateId,
    version: a.version,
    status: a.status,
    criteria: a.criteria,
    frequency: a.frequency,
    schedule: a.schedule,
    snoozedUntil: a.snoozedUntil?.toISOString() ?? null,
    contact: { email: a.email },
    createdAt: a.createdAt.toISOString(),
    changedAt: a.changedAt.toISOString(),
  };
}

export function alertChangedEvent(a: Alert): OutgoingEvent {
  return buildEvent(alertChangedV1, alertState(a), {
    producer: `vigie/${SERVICE_NAME}`,
    occurredAt: a.changedAt,
  });
}
