import { z } from 'zod';
import { SearchCriteriaSchema } from '../common/search-criteria';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

export const ALERT_STATUSES = ['pending', 'active', 'paused', 'unsubscribed', 'deleted'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

export const ALERT_FREQUENCIES = ['instant', 'daily', 'weekly'] as const;
export const AlertFrequencySchema = z.enum(ALERT_FREQUENCIES);
export type AlertFrequency = z.infer<typeof AlertFrequencySchema>;

/** When digests go out, in the candidate's own time zone. */
export const AlertScheduleSchema = z.object({
  /** IANA zone, e.g. Europe/Paris (the default). */
  timeZone: z.string().min(1).max(64),
  /** Local hour of daily and weekly digests, 0–23. */
  hour: z.number().int().min(0).max(23),
  /** ISO weekday of weekly digests, 1 (Monday) – 7 (Sunday). */
  weekday: z.number().int().min(1).max(7),
});
export type AlertSchedule = z.infer<typeof AlertScheduleSchema>;

/**
 * The whole state of an alert (event-carried state transfer) on a COMPACTED topic keyed by
 * alert id: a new matcher instance or the delivery service rebuilds every alert by reading it
 * from the start. A tombstone (null value) means the alert is gone for good (deleted or erased):
 * compaction then removes every earlier record of it, address included.
 * `pending` alerts await the double opt-in confirmation; only `active` ones are matched.
 */
export const AlertChangedV1Schema = z.object({
  alertId: z.uuid(),
  candidateId: z.string().min(1).max(100),
  /** +1 per change; consumers ignore a version lower than the one they hold. */
  version: z.number().int().min(1),
  status: AlertStatusSchema,
  criteria: SearchCriteriaSchema,
  frequency: AlertFrequencySchema,
  schedule: AlertScheduleSchema,
  /** No e-mail until then (snooze); null when not snoozed. */
  snoozedUntil: z.iso.datetime({ offset: true }).nullable(),
  /** PII: the address alert-delivery sends to. Removed by the tombstone on erasure. */
  contact: z.object({ email: z.email() }),
  createdAt: z.iso.datetime({ offset: true }),
  changedAt: z.iso.datetime({ offset: true }),
});

export type AlertChangedV1 = z.infer<typeof AlertChangedV1Schema>;

export const alertChangedV1 = defineEvent({
  topic: TOPICS.alertChanged,
  type: 'alerts.alert.changed',
  schemaVersion: 1,
  value: AlertChangedV1Schema,
  keyOf: (v) => v.alertId,
  compacted: true,
});
