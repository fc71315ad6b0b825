import type { ProjectedAlert } from '../projection/alert-projection.port';
import type { OfferState } from '../projection/offer-states.port';
import type { PendingMatch } from '../projection/pending-matches.port';

export interface SelectionRules {
  maxOffers: number;
  maxPerCompany: number;
}

export const DEFAULT_SELECTION_RULES: SelectionRules = { maxOffers: 10, maxPerCompany: 2 };

export type DropReason =
  | 'alert_not_active'
  | 'offer_not_active'
  | 'offer_past_validity'
  | 'already_sent'
  | 'same_job_in_mail';

export interface Selection {
  /** What the e-mail shows, newest match first. */
  shown: PendingMatch[];
  /** Fit the alert but did not fit in this e-mail (caps): behind the "see all" link. */
  overflow: PendingMatch[];
  dropped: Array<{ match: PendingMatch; reason: DropReason }>;
}

/** Whether an alert may receive e-mail now: active, confirmed, not snoozed. */
export function alertIsSendable(alert: ProjectedAlert | undefined, now: Date): boolean {
  return (
    alert !== undefined &&
    alert.status === 'active' &&
    (alert.snoozedUntil === null || alert.snoozedUntil.getTime() <= now.getTime())
  );
}

const companyKey = (m: PendingMatch) =>
  (m.offer.companyName ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * The content rules of one e-mail, in order: the alert must still be sendable and the offer still
 * live (re-checked at send time); an offer, or another copy of the same job (cluster), goes once
 * to a candidate across all their alerts and e-mails; then at most `maxOffers` offers and
 * `maxPerCompany` per company, the rest counted as overflow.
 */
export function selectOffers(
  pending: readonly PendingMatch[],
  context: {
    alerts: ReadonlyMap<string, ProjectedAlert>;
    offers: ReadonlyMap<string, OfferState>;
    sentOffers: ReadonlySet<string>;
    sentClusters: ReadonlySet<string>;
    now: Date;
  },
  rules: SelectionRules = DEFAULT_SELECTION_RULES,
): Selection {
  const selection: Selection = { shown: [], overflow: [], dropped: [] };
  const seenOffers = new Set(context.sentOffers);
  const seenClusters = new Set(context.sentClusters);
  const perCompany = new Map<string, number>();
  const newestFirst = [...pending].sort(
    (a, b) => b.matchedAt.getTime() - a.matchedAt.getTime() || a.matchId.localeCompare(b.matchId),
  );
  for (const match of newestFirst) {
    const drop = (reason: DropReason) => selection.dropped.push({ match, reason });
    if (!alertIsSendable(context.alerts.get(match.alertId), context.now)) {
      drop('alert_not_active');
      continue;
    }
    const state = context.offers.get(match.offerId);
    if (state && state.status !== 'active') {
      drop('offer_not_active');
      continue;
    }
    const validThrough = match.offer.validThrough ? new Date(match.offer.validThrough) : null;
    if (validThrough && validThrough.getTime() <= context.now.getTime()) {
      drop('offer_past_validity');
      continue;
    }
    const clusterId = state?.clusterId ?? match.clusterId;
    const sentBefore =
      context.sentOffers.has(match.offerId) || (clusterId !== null && context.sentClusters.has(clusterId));
    if (sentBefore || seenOffers.has(match.offerId) || (clusterId !== null && seenClusters.has(clusterId))) {
      drop(sentBefore ? 'already_sent' : 'same_job_in_mail');
      continue;
    }
    seenOffers.add(match.offerId);
    if (clusterId !== null) seenClusters.add(clusterId);
    const company = companyKey(match);
    const fromCompany = perCompany.get(company) ?? 0;
    if (selection.shown.length >= rules.maxOffers || (company !== '' && fromCompany >= rules.maxPerCompany)) {
      selection.overflow.push(match);
      continue;
    }
    perCompany.set(company, fromCompany + 1);
    selection.shown.push(match);
  }
  return selection;
}
