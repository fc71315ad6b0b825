import type { Transaction } from '@vigie/database';
import { ClusterIndex, ClusterMember, ProbedOffer } from './cluster-index.port';
import { BANDS, SIGNATURE_SIZE } from './offer-fingerprint';

/**
 * Cluster index held in memory, compact enough for the benchmark's 741,102 offers: signatures in
 * one Uint16Array pool, band keys in an open-addressing table chained through typed arrays.
 * Also what unit tests and a single-node edition without Postgres can use.
 */
export class InMemoryClusterIndex extends ClusterIndex {
  private count = 0;
  private offerIds: string[] = [];
  private clusterIds: string[] = [];
  private signatures = new Uint16Array(1024 * SIGNATURE_SIZE);
  private bandKeys = new Int32Array(1024 * BANDS);
  private titleStart = new Int32Array(1025);
  private titleWords = new Uint32Array(4096);
  private companies: Array<string | null> = [];
  private places: Array<string | null> = [];
  private readonly byOffer = new Map<string, number>();
  // Band table: slot → first entry; entry → member and next entry of the same key.
  private slots = new Int32Array(1 << 12).fill(-1);
  private slotKeys = new Int32Array(1 << 12);
  private entryMember = new Int32Array(1024 * BANDS);
  private entryNext = new Int32Array(1024 * BANDS);
  private entries = 0;
  private usedSlots = 0;

  get size(): number {
    return this.byOffer.size;
  }

  async candidates(_tx: Transaction | null, offers: readonly ProbedOffer[]): Promise<ClusterMember[]> {
    return this.candidatesNow(offers);
  }

  candidatesNow(offers: readonly ProbedOffer[]): ClusterMember[] {
    const found = new Set<number>();
    for (const { offerId, bandKeys } of offers) {
      const member = this.byOffer.get(offerId);
      if (member !== undefined) {
        found.add(member);
        continue;
      }
      for (const key of bandKeys) {
        for (let e = this.slots[this.slotOf(key)]!; e !== -1; e = this.entryNext[e]!)
          found.add(this.entryMember[e]!);
      }
    }
    // An offer saved again leaves its older entries behind: only its latest counts.
    return [...found].filter((m) => this.byOffer.get(this.offerIds[m]!) === m).map((m) => this.member(m));
  }

  async save(_tx: Transaction | null, members: readonly ClusterMember[]): Promise<void> {
    this.saveNow(members);
  }

  saveNow(members: readonly ClusterMember[]): void {
    for (const m of members) this.append(m);
  }

  private member(i: number): ClusterMember {
    return {
      offerId: this.offerIds[i]!,
      clusterId: this.clusterIds[i]!,
      fingerprint: {
        signature: this.signatures.subarray(i * SIGNATURE_SIZE, (i + 1) * SIGNATURE_SIZE),
        bandKeys: this.bandKeys.subarray(i * BANDS, (i + 1) * BANDS),
        titleWords: this.titleWords.subarray(this.titleStart[i], this.titleStart[i + 1]),
        companyKey: this.companies[i]!,
        placeKey: this.places[i]!,
      },
    };
  }

  private append(m: ClusterMember): void {
    const i = this.count++;
    this.ensureMemberCapacity(this.count, m.fingerprint.titleWords.length);
    this.offerIds[i] = m.offerId;
    this.clusterIds[i] = m.clusterId;
    this.signatures.set(m.fingerprint.signature, i * SIGNATURE_SIZE);
    this.bandKeys.set(m.fingerprint.bandKeys, i * BANDS);
    this.titleWords.set(m.fingerprint.titleWords, this.titleStart[i]);
    this.titleStart[i + 1] = this.titleStart[i]! + m.fingerprint.titleWords.length;
    this.companies[i] = m.fingerprint.companyKey;
    this.places[i] = m.fingerprint.placeKey;
    this.byOffer.set(m.offerId, i);
    const seen = new Set<number>();
    for (const key of m.fingerprint.bandKeys) {
      if (seen.has(key)) continue;
      seen.add(key);
      this.link(key, i);
    }
  }

  private link(key: number, member: number): void {
    if (this.entries === this.entryMember.length) {
      this.entryMember = grow(this.entryMember);
      this.entryNext = grow(this.entryNext);
    }
    let slot = this.slotOf(key);
    if (this.slots[slot] === -1) {
      if ((this.usedSlots + 1) * 4 > this.slots.length * 3) {
        this.rehash();
        slot = this.slotOf(key);
      }
      this.slotKeys[slot] = key;
      this.usedSlots++;
    }
    const e = this.entries++;
    this.entryMember[e] = member;
    this.entryNext[e] = this.slots[slot]!;
    this.slots[slot] = e;
  }

  /** Linear probing: the slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: number): number {
    const mask = this.slots.length - 1;
    let s = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.slots[s] !== -1 && this.slotKeys[s] !== key) s = (s + 1) & mask;
    return s;
  }

  private rehash(): void {
    const oldSlots = this.slots;
    const oldKeys = this.slotKeys;
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    this.slotKeys = new Int32Array(oldSlots.length * 2);
    for (let s = 0; s < oldSlots.length; s++) {
      if (oldSlots[s] === -1) continue;
      const slot = this.slotOf(oldKeys[s]!);
      this.slots[slot] = oldSlots[s]!;
      this.slotKeys[slot] = oldKeys[s]!;
    }
  }

  private ensureMemberCapacity(count: number, titleLength: number): void {
    while (count * SIGNATURE_SIZE > this.signatures.length) this.signatures = grow(this.signatures);
    while (count * BANDS > this.bandKeys.length) this.bandKeys = grow(this.bandKeys);
    while (count + 1 > this.titleStart.length) this.titleStart = grow(this.titleStart);
    while (this.titleStart[count - 1]! + titleLength > this.titleWords.length)
      this.titleWords = grow(this.titleWords);
  }
}

function grow<T extends Uint16Array | Int32Array | Uint32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
