import { SearchCriteriaSchema } from '@vigie/contracts';
import { Alert, AlertStatus, DEFAULT_SCHEDULE } from './alert';
import { AlertError } from './alert-errors';
import { AlertTransition, applyTransition } from './alert-transitions';

const created = new Date('2026-12-01T08:00:00Z');
const at = new Date('2026-12-02T08:00:00Z');

function alert(status: AlertStatus, overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d',
    candidateId: 'cand-7f3a9c',
    email: 'camille.martin@example.org',
    criteria: SearchCriteriaSchema.parse({ q: 'soudeur' }),
    frequency: 'instant',
    schedule: DEFAULT_SCHEDULE,
    status,
    snoozedUntil: null,
    version: 3,
    createdAt: created,
    changedAt: created,
    ...overrides,
  };
}

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (e) {
    if (e instanceof AlertError) return e.code;
    throw e;
  }
  return 'none';
};

describe('applyTransition', () => {
  it.each<[AlertStatus, AlertTransition['kind'], AlertStatus]>([
    ['pending', 'confirm', 'active'],
    ['active', 'pause', 'paused'],
    ['paused', 'resume', 'active'],
    ['pending', 'unsubscribe', 'unsubscribed'],
    ['paused', 'unsubscribe', 'unsubscribed'],
    ['unsubscribed', 'delete', 'deleted'],
  ])('moves %s by %s to %s, with the next version and the time of the change', (from, kind, to) => {
    const next = applyTransition(alert(from), { kind } as AlertTransition, at);
    expect(next).toMatchObject({ status: to, version: 4, changedAt: at });
  });

  it.each<[AlertStatus, AlertTransition['kind']]>([
    ['active', 'confirm'],
    ['paused', 'pause'],
    ['active', 'resume'],
    ['unsubscribed', 'unsubscribe'],
  ])('leaves a %s alert untouched when asked to %s again', (from, kind) => {
    const current = alert(from);
    expect(applyTransition(current, { kind } as AlertTransition, at)).toBe(current);
  });

  it.each<[AlertStatus, AlertTransition['kind']]>([
    ['unsubscribed', 'confirm'],
    ['pending', 'pause'],
    ['pending', 'resume'],
    ['pending', 'snooze'],
    ['unsubscribed', 'edit'],
  ])('refuses to change a %s alert by %s', (from, kind) => {
    expect(codeOf(() => applyTransition(alert(from), { kind, until: at }, at))).toBe('ALERT_STATE_CONFLICT');
  });

  it('treats a deleted alert as gone', () => {
    expect(codeOf(() => applyTransition(alert('deleted'), { kind: 'delete' }, at))).toBe('ALERT_NOT_FOUND');
  });

  it('snoozes and wakes, and edits only what changes, merging the schedule', () => {
    const snoozed = applyTransition(alert('active'), { kind: 'snooze', until: at }, at);
    expect(snoozed.snoozedUntil).toEqual(at);
    expect(applyTransition(snoozed, { kind: 'snooze', until: new Date(at) }, at)).toBe(snoozed);

    const current = alert('paused');
    expect(applyTransition(current, { kind: 'edit', frequency: 'instant' }, at)).toBe(current);
    const edited = applyTransition(
      current,
      { kind: 'edit', frequency: 'weekly', schedule: { weekday: 5 } },
      at,
    );
    expect(edited).toMatchObject({
      frequency: 'weekly',
      schedule: { ...DEFAULT_SCHEDULE, weekday: 5 },
      version: 4,
    });
  });
});
