import type { Client } from 'pg';
import { processCpuMs } from './cpu-time';

const SAMPLE_MS = 1_000;

/**
 * Postgres CPU (ms) by who asked for it: each backend's /proc time, attributed through
 * pg_stat_activity to its application_name (every service names its pool after itself, see
 * libs/database) or, for Postgres's own processes, to its backend type (autovacuum worker,
 * checkpointer, walwriter…). Sampled every second, so a process that lives less than that (a
 * short autovacuum run, a connection opened and closed at once) is partly missed: the services'
 * pools keep their connections, and `unattributed` is the rest of the Postgres total measured
 * beside it (component-cpu.ts). Same machine as Postgres, Linux only.
 */
export class PostgresCpuByClient {
  private readonly last = new Map<number, { role: string; ms: number }>();
  private readonly byRole = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly client: Client) {}

  async start(): Promise<void> {
    await this.sample();
    this.timer = setInterval(() => {
      // One reading at a time: a slow query (a saturated machine) delays the next, never doubles it.
      this.running = this.running.then(() => this.sample()).catch(() => undefined);
    }, SAMPLE_MS);
    this.timer.unref(); // a run that fails half-way still exits
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.sample();
  }

  /** CPU ms per offer by role (the roles above 0.005 ms), and what the total has beyond them. */
  perOffer(offers: number, postgresTotalMs: number): Record<string, number> {
    const out: Record<string, number> = {};
    let attributed = 0;
    for (const [role, ms] of [...this.byRole].sort((a, b) => b[1] - a[1])) {
      attributed += ms;
      const perOffer = Math.round((ms / offers) * 100) / 100;
      if (perOffer >= 0.01) out[`pg_cpu_ms_per_offer_${role.replace(/[^a-z0-9]+/gi, '_')}`] = perOffer;
    }
    out.pg_cpu_ms_per_offer_unattributed = Math.round(((postgresTotalMs - attributed) / offers) * 100) / 100;
    return out;
  }

  private async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number; role: string }>(
      `SELECT pid, COALESCE(NULLIF(application_name, ''), backend_type) AS role FROM pg_stat_activity`,
    );
    for (const { pid, role } of rows) {
      let ms: number;
      try {
        ms = processCpuMs(pid);
      } catch {
        continue; // gone between the query and the read
      }
      const seen = this.last.get(pid);
      // A pid reused, or a connection renamed: count from this reading on.
      if (seen !== undefined && seen.role === role && ms >= seen.ms)
        this.byRole.set(role, (this.byRole.get(role) ?? 0) + ms - seen.ms);
      this.last.set(pid, { role, ms });
    }
  }
}
