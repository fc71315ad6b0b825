import type { ProjectedAlert } from '../projection/alert-projection.port';
import type { PendingMatch } from '../projection/pending-matches.port';
import type { WaitingAlert } from './email-ledger.port';
import { afterQuietHours, latestDigestSlot, QuietHours } from './local-time';

/** One e-mail to consider in a run: an alert's instant group, or its digest. */
export interface DispatchItem extends WaitingAlert {
  kind: 'instant' | 'digest';
}

export type MailKind = 'instant' | 'daily' | 'weekly';

/** An e-mail whose time has come: its ledger key and the waiting matches it would consume. */
export interface DueEmail {
  key: string;
  mailKind: MailKind;
  pending: PendingMatch[];
}

/**
 * The run's work in waves: each wave holds at most one e-mail per candidate, so what a
 * candidate's first e-mail showed is in the ledger (sent_offers, the daily cap's count) before
 * the reads of the wave that builds their next one (cross-alert rule). Most candidates have one
 * alert due at a time: nearly every run is a single wave.
 */
export function wavesOf(
  instant: readonly WaitingAlert[],
  digests: readonly WaitingAlert[],
): DispatchItem[][] {
  const byCandidate = new Map<string, DispatchItem[]>();
  for (const [kind, list] of [
    ['instant', instant],
    ['digest', digests],
  ] as const)
    for (const { alertId, candidateId } of list) {
      const work = byCandidate.get(candidateId) ?? [];
      work.push({ kind, alertId, candidateId });
      byCandidate.set(candidateId, work);
    }
  const waves: DispatchItem[][] = [];
  for (const work of byCandidate.values()) work.forEach((item, i) => (waves[i] ??= []).push(item));
  return waves;
}

/**
 * Whether an alert's e-mail is due now, from its waiting matches (oldest first): an instant group
 * once the window after its first match has passed (and not in quiet hours), a digest once its
 * local slot has come, covering the matches received before the slot.
 */
export function dueEmail(
  item: DispatchItem,
  alert: ProjectedAlert,
  waiting: readonly PendingMatch[],
  now: Date,
  settings: { groupWindowMs: number; quietHours: QuietHours },
): DueEmail | 'nothing_new' | 'not_due' {
  if (item.kind === 'instant') {
    const pending = waiting.filter((p) => p.frequency === 'instant');
    if (pending.length === 0) return 'nothing_new';
    const windowEnd = new Date(pending[0]!.receivedAt.getTime() + settings.groupWindowMs);
    const sendAt = afterQuietHours(
      windowEnd,
      alert.schedule.timeZone,
      settings.quietHours,
      alert.candidateId,
    );
    if (sendAt.getTime() > now.getTime()) return 'not_due';
    // The first match and when it came name the group: a replayed match starts a new group, whose
    // offers the ledger then finds already sent.
    return {
      key: `group:${alert.alertId}:${pending[0]!.matchId}:${pending[0]!.receivedAt.getTime()}`,
      mailKind: 'instant',
      pending,
    };
  }
  const mailKind = alert.frequency === 'weekly' ? 'weekly' : 'daily';
  const slot = latestDigestSlot(alert.schedule, mailKind, now, alert.alertId);
  const pending = waiting.filter(
    (p) => p.frequency !== 'instant' && p.receivedAt.getTime() <= slot.at.getTime(),
  );
  if (pending.length === 0) return 'not_due';
  return { key: `digest:${alert.alertId}:${slot.window}`, mailKind, pending };
}
