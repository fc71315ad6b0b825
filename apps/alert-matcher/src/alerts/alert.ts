import type { AlertFrequency, AlertSchedule, AlertStatus, SearchCriteria } from '@vigie/contracts';

export type { AlertFrequency, AlertSchedule, AlertStatus };

/** Digests go out at 08:00 Paris time, on Mondays for weekly ones, unless the candidate chooses. */
export const DEFAULT_SCHEDULE: AlertSchedule = { timeZone: 'Europe/Paris', hour: 8, weekday: 1 };

/**
 * A saved search. Its state is announced in full on `alerts.alert.changed.v1` at each change
 * (`version` + 1), which is how every matcher instance and alert-delivery learn about it.
 */
export interface Alert {
  id: string;
  /** The job board's candidate id, or a pseudonymous id of the address for e-mail-only alerts. */
  candidateId: string;
  email: string;
  criteria: SearchCriteria;
  frequency: AlertFrequency;
  schedule: AlertSchedule;
  status: AlertStatus;
  snoozedUntil: Date | null;
  version: number;
  createdAt: Date;
  changedAt: Date;
}

/** Statuses that still count against the per-address limit and are shown to the candidate. */
export const LIVE_STATUSES: readonly AlertStatus[] = ['pending', 'active', 'paused'];
