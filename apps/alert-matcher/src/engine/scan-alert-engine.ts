import type { AlertEngine, EngineAlert, EngineHits, EngineMatch, MatchableOffer } from './alert-engine';
import { hitsOf } from './engine-hits';
import { AlertInterner, type CompiledAlert, compileAlert } from './compiled-alert';
import { type PreparedOffer, prepareOffer } from './prepared-offer';
import { verifyMatch } from './verify-match';

/**
 * Brute force: every alert verified against every offer. The reference semantics other engines
 * are tested against, and the benchmark's baseline; linear in the number of alerts.
 */
export class ScanAlertEngine implements AlertEngine {
  private readonly alerts = new Map<string, CompiledAlert>();
  private readonly interner = new AlertInterner();

  get size(): number {
    return this.alerts.size;
  }

  upsert(alert: EngineAlert): void {
    this.alerts.set(alert.id, compileAlert(alert, this.interner));
  }

  /** Nothing to lay out: the scan reads every alert anyway. */
  settle(): void {}

  remove(alertId: string): void {
    this.alerts.delete(alertId);
  }

  find(offer: MatchableOffer): EngineHits {
    return hitsOf(this.match(offer));
  }

  findPrepared(offer: PreparedOffer): EngineHits {
    return hitsOf(this.matchPrepared(offer));
  }

  match(offer: MatchableOffer): EngineMatch[] {
    return this.matchPrepared(prepareOffer(offer));
  }

  /** For callers that match one prepared offer against several engines (tests, benchmark). */
  matchPrepared(offer: PreparedOffer): EngineMatch[] {
    const out: EngineMatch[] = [];
    for (const alert of this.alerts.values()) {
      const explanation = verifyMatch(alert, offer);
      if (explanation !== null) out.push({ alertId: alert.id, explanation });
    }
    return out;
  }
}
