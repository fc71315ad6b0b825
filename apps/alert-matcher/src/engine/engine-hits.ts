import type { MatchExplanationV2 } from '@vigie/contracts';
import type { EngineHits, EngineMatch } from './alert-engine';

/** Every hit explained, in the order found. */
export function explainAll(hits: EngineHits): EngineMatch[] {
  const out: EngineMatch[] = new Array<EngineMatch>(hits.count);
  for (let i = 0; i < hits.count; i++) out[i] = { alertId: hits.alertId(i), explanation: hits.explain(i) };
  return out;
}

/** Hits already explained (the scan verifies and explains in one step). */
export function hitsOf(matches: readonly EngineMatch[]): EngineHits {
  return {
    count: matches.length,
    alertId: (i) => matches[i]!.alertId,
    explain: (i) => matches[i]!.explanation,
  };
}

/**
 * One offer's hits as flat arrays (slot, distance, full-remote flag), reused from offer to offer:
 * no object per hit until the caller asks for its explanation.
 */
export class HitBuffer implements EngineHits {
  count = 0;
  private slots = new Int32Array(1024);
  private kms = new Float64Array(1024);
  private remote = new Uint8Array(1024);

  constructor(
    readonly alertId: (i: number) => string,
    readonly explain: (i: number) => MatchExplanationV2,
  ) {}

  clear(): void {
    this.count = 0;
  }

  /** `km` < 0: no distance (not a circle, or matched through the full-remote rule). */
  push(slot: number, km: number, fullRemote: boolean): void {
    if (this.count === this.slots.length) this.grow();
    this.slots[this.count] = slot;
    this.kms[this.count] = km;
    this.remote[this.count++] = fullRemote ? 1 : 0;
  }

  slot(i: number): number {
    return this.slots[i]!;
  }

  km(i: number): number {
    return this.kms[i]!;
  }

  fullRemote(i: number): boolean {
    return this.remote[i] === 1;
  }

  private grow(): void {
    const n = this.slots.length * 2;
    const slots = new Int32Array(n);
    slots.set(this.slots);
    const kms = new Float64Array(n);
    kms.set(this.kms);
    const remote = new Uint8Array(n);
    remote.set(this.remote);
    this.slots = slots;
    this.kms = kms;
    this.remote = remote;
  }
}
