import type { Transaction } from '@vigie/database';
import { ClusterIndex, ClusterMember } from './cluster-index.port';
import { ClusterableOffer, fingerprintOf, OfferFingerprint } from './offer-fingerprint';
import { sameJobScore } from './same-job';

export interface ClusterAssignment {
  offerId: string;
  clusterId: string;
  /** The offer it was found to copy; null when it started its cluster or kept its own. */
  duplicateOf: string | null;
}

/**
 * Gives each offer of a batch a cluster id: the cluster of the most similar offer already known
 * (or earlier in the batch), else its own id. An offer clustered before keeps its cluster when
 * edited, so ids stay stable for search and alerts.
 */
export class DuplicateClusterer {
  constructor(private readonly index: ClusterIndex) {}

  async assign(tx: Transaction | null, offers: readonly ClusterableOffer[]): Promise<ClusterAssignment[]> {
    return this.assignPrinted(
      tx,
      offers.map((o) => ({ offerId: o.offerId, fingerprint: fingerprintOf(o) })),
    );
  }

  /** The same, for offers fingerprinted beforehand (outside the transaction). */
  async assignPrinted(tx: Transaction | null, offers: readonly PrintedOffer[]): Promise<ClusterAssignment[]> {
    if (offers.length === 0) return [];
    const prints = offers.map((o) => o.fingerprint);
    const known = await this.index.candidates(
      tx,
      offers.map((o) => ({ offerId: o.offerId, bandKeys: o.fingerprint.bandKeys })),
    );
    const working = new WorkingSet(known);
    const assignments: ClusterAssignment[] = [];
    const members: ClusterMember[] = [];
    offers.forEach((offer, i) => {
      const fingerprint = prints[i]!;
      const existing = working.byOffer.get(offer.offerId);
      const match = existing === undefined ? working.closest(offer.offerId, fingerprint) : undefined;
      const clusterId = existing?.clusterId ?? match?.clusterId ?? offer.offerId;
      const member = { offerId: offer.offerId, clusterId, fingerprint };
      working.add(member);
      members.push(member);
      assignments.push({ offerId: offer.offerId, clusterId, duplicateOf: match?.offerId ?? null });
    });
    await this.index.save(tx, members);
    return assignments;
  }
}

/** An offer with its fingerprint, ready to be clustered. */
export interface PrintedOffer {
  offerId: string;
  fingerprint: OfferFingerprint;
}

/** The batch's candidates and its own offers, by band key. */
class WorkingSet {
  readonly byOffer = new Map<string, ClusterMember>();
  private readonly byBand = new Map<number, ClusterMember[]>();

  constructor(members: readonly ClusterMember[]) {
    for (const m of members) this.add(m);
  }

  add(member: ClusterMember): void {
    this.byOffer.set(member.offerId, member);
    for (const key of member.fingerprint.bandKeys) {
      const bucket = this.byBand.get(key);
      if (bucket === undefined) this.byBand.set(key, [member]);
      else if (!bucket.includes(member)) bucket.push(member);
    }
  }

  closest(offerId: string, fingerprint: OfferFingerprint): ClusterMember | undefined {
    let best: ClusterMember | undefined;
    let bestScore = -1;
    const seen = new Set<ClusterMember>();
    for (const key of fingerprint.bandKeys) {
      for (const candidate of this.byBand.get(key) ?? []) {
        if (seen.has(candidate) || candidate.offerId === offerId) continue;
        seen.add(candidate);
        const score = sameJobScore(fingerprint, candidate.fingerprint);
        if (score !== null && score > bestScore) {
          best = candidate;
          bestScore = score;
        }
      }
    }
    return best;
  }
}
