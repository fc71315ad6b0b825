/**
 * Named crash points for fault-injection tests (fault catalogue F2, F8…). A point fires only when
 * listed in FAULT_INJECTION and never when NODE_ENV=production. Firing kills the process with
 * SIGKILL, exactly as a crash or an OOM kill would: no cleanup, no offset commit, no ROLLBACK sent.
 */
export class FaultInjector {
  private readonly armed: ReadonlySet<string>;

  constructor(spec: string | undefined, nodeEnv: string) {
    const points = nodeEnv === 'production' || !spec ? [] : spec.split(',').map((s) => s.trim());
    this.armed = new Set(points.filter((p) => p.length > 0));
  }

  static none(): FaultInjector {
    return new FaultInjector(undefined, 'production');
  }

  isArmed(point: string): boolean {
    return this.armed.has(point);
  }

  crashIfArmed(point: string): void {
    if (!this.isArmed(point)) return;
    process.stderr.write(`fault injection: crashing at ${point}\n`);
    process.kill(process.pid, 'SIGKILL');
  }

  /**
   * Stands in for a programming error on one message: throws a plain Error when the point is
   * armed and `when` holds (e.g. a marker in the message), so tests can prove such a message is
   * dead-lettered without stalling the ones behind it.
   */
  throwIfArmed(point: string, when: boolean): void {
    if (when && this.isArmed(point)) throw new Error(`fault injection: unexpected failure at ${point}`);
  }
}

export const FAULT_POINTS = {
  relayAfterPublish: 'outbox.crash-after-publish',
  deliveryAfterSend: 'delivery.crash-after-send',
  /** Throws while composing the e-mail of a match whose offer title contains `[fault]`. */
  deliveryComposeBug: 'delivery.throw-on-compose',
} as const;
