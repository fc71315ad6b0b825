import type { AlertSchedule, SearchCriteria } from '@vigie/contracts';
import { Alert, AlertFrequency, AlertStatus } from './alert';
import { AlertError } from './alert-errors';

/**
 * The life of an alert, as pure functions of its state. Each returns the new state, or the same
 * object when there is nothing to change (repeating a link or a call is harmless and announces
 * nothing), or throws ALERT_STATE_CONFLICT when the change makes no sense in the current status.
 *
 *   pending ──confirm──▶ active ◀──resume── paused
 *                          └────pause─────▶
 *   any live status ──unsubscribe──▶ unsubscribed;  any but deleted ──delete──▶ deleted
 */
export type AlertTransition =
  | { kind: 'confirm' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'snooze'; until: Date | null }
  | { kind: 'unsubscribe' }
  | { kind: 'delete' }
  | {
      kind: 'edit';
      criteria?: SearchCriteria;
      frequency?: AlertFrequency;
      schedule?: AlertSchedule;
    };

const conflict = (alert: Alert, action: string) =>
  new AlertError('ALERT_STATE_CONFLICT', `cannot ${action} an alert that is ${alert.status}`, [
    { field: 'status', reason: `is ${alert.status}` },
  ]);

function moved(alert: Alert, changes: Partial<Alert>, at: Date): Alert {
  return { ...alert, ...changes, version: alert.version + 1, changedAt: at };
}

function requireStatus(alert: Alert, action: string, allowed: readonly AlertStatus[]): void {
  if (!allowed.includes(alert.status)) throw conflict(alert, action);
}

export function applyTransition(alert: Alert, t: AlertTransition, at: Date): Alert {
  switch (t.kind) {
    case 'confirm':
      if (alert.status === 'active' || alert.status === 'paused') return alert;
      requireStatus(alert, 'confirm', ['pending']);
      return moved(alert, { status: 'active' }, at);
    case 'pause':
      if (alert.status === 'paused') return alert;
      requireStatus(alert, 'pause', ['active']);
      return moved(alert, { status: 'paused' }, at);
    case 'resume':
      if (alert.status === 'active') return alert;
      requireStatus(alert, 'resume', ['paused']);
      return moved(alert, { status: 'active' }, at);
    case 'snooze': {
      requireStatus(alert, 'snooze', ['active', 'paused']);
      const same = (alert.snoozedUntil?.getTime() ?? null) === (t.until?.getTime() ?? null);
      return same ? alert : moved(alert, { snoozedUntil: t.until }, at);
    }
    case 'unsubscribe':
      if (alert.status === 'unsubscribed') return alert;
      requireStatus(alert, 'unsubscribe', ['pending', 'active', 'paused']);
      return moved(alert, { status: 'unsubscribed' }, at);
    case 'delete':
      // A deleted alert is invisible: deleting it again is a 404 for the caller, not a no-op.
      if (alert.status === 'deleted') throw new AlertError('ALERT_NOT_FOUND', 'alert not found');
      return moved(alert, { status: 'deleted' }, at);
    case 'edit': {
      requireStatus(alert, 'edit', ['pending', 'active', 'paused']);
      const next = {
        criteria: t.criteria ?? alert.criteria,
        frequency: t.frequency ?? alert.frequency,
        schedule: t.schedule ?? alert.schedule,
      };
      const same =
        JSON.stringify(next) ===
        JSON.stringify({ criteria: alert.criteria, frequency: alert.frequency, schedule: alert.schedule });
      return same ? alert : moved(alert, next, at);
    }
  }
}
