import { type CvProfile, cvProfileChangedV1 } from '@vigie/contracts';
import { buildEvent, OutgoingEvent } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';

/**
 * The CV's searchable state for the `cvs` index (and later the matcher). Built from the anonymised
 * profile only; the contract's strict schema refuses any other field before it leaves the service.
 */
export function cvProfileChangedEvent(
  cvId: string,
  version: number,
  profile: CvProfile | null,
  at: Date,
): OutgoingEvent {
  return buildEvent(
    cvProfileChangedV1,
    {
      cvId,
      version,
      status: profile ? 'searchable' : 'hidden',
      changedAt: at.toISOString(),
      profile,
    },
    { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
  );
}
