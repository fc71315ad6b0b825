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
}

export const FAULT_POINTS = {
  relayAfterPublish: 'outbox.crash-after-publish',
  deliveryAfterSend: 'delivery.crash-after-send',
} as const;
