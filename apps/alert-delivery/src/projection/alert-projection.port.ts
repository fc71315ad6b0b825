import type {
  AlertChangedV1,
  AlertFrequency,
  AlertSchedule,
  AlertStatus,
  SearchCriteria,
} from '@vigie/contracts';

/** What delivery knows of an alert: enough to address, schedule and re-check its e-mails. */
export interface ProjectedAlert {
  alertId: string;
  candidateId: string;
  version: number;
  status: AlertStatus;
  frequency: AlertFrequency;
  schedule: AlertSchedule;
  snoozedUntil: Date | null;
  email: string;
  criteria: SearchCriteria;
}

/** One change of the compacted alert topic: a new state, or a tombstone (the alert is gone). */
export type AlertChange = { kind: 'state'; alert: AlertChangedV1 } | { kind: 'tombstone'; alertId: string };

/**
 * Port: the alerts projection. A state older than (or as old as) the one held is ignored, so a
 * replay of the compacted topic from its start leaves it as it is; a tombstone deletes the alert.
 */
export abstract class AlertProjection {
  abstract apply(changes: readonly AlertChange[]): Promise<void>;
  abstract get(alertIds: readonly string[]): Promise<Map<string, ProjectedAlert>>;
  /** The addresses of a candidate's alerts (a bounce must name one of them to be trusted). */
  abstract addressesOf(candidateId: string): Promise<string[]>;
}
