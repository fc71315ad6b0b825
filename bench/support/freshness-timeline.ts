import { componentCpuMs, machineCpuMs } from './component-cpu';
import { processCpuMs } from './cpu-time';
import { percentile } from './freshness-trace';

/** A CPU reading (ms) of every part of the pipeline, at one instant. */
interface CpuSample {
  readonly at: number;
  readonly parts: Record<string, number>;
  readonly machineBusy: number;
  readonly machineTotal: number;
}

export const WINDOW_MS = 10_000;

/**
 * Where the cores go while offers flow: the services (by pid), the shared components (Kafka, the
 * search engine, Postgres), the benchmark itself, and the whole machine's busy share, sampled every
 * WINDOW_MS. CPU per offer is the figure the shared machine blurs least (time waiting for a core
 * is not counted); the windows show whether the start or a later phase is where latency grows.
 */
export class CpuTimeline {
  private readonly samples: CpuSample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly services: ReadonlyArray<readonly [string, () => number | undefined]>) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), WINDOW_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    const parts: Record<string, number> = {};
    for (const [name, pid] of this.services) {
      const p = pid();
      try {
        parts[name] = p === undefined ? 0 : processCpuMs(p);
      } catch {
        parts[name] = 0; // exited
      }
    }
    Object.assign(parts, componentCpuMs());
    const self = process.cpuUsage();
    parts.bench = (self.user + self.system) / 1000;
    const machine = machineCpuMs();
    this.samples.push({ at: Date.now(), parts, machineBusy: machine.busy, machineTotal: machine.total });
  }

  /** CPU ms of one part over the whole run. */
  totalMs(part: string): number {
    return this.samples[this.samples.length - 1]!.parts[part]! - this.samples[0]!.parts[part]!;
  }

  /** Over the whole run: CPU ms per offer of each part and in all, and the machine's busy share. */
  perOffer(offers: number): Record<string, number> {
    const first = this.samples[0]!;
    const last = this.samples[this.samples.length - 1]!;
    const out: Record<string, number> = {};
    let total = 0;
    for (const name of Object.keys(first.parts)) {
      const ms = last.parts[name]! - first.parts[name]!;
      total += ms;
      out[`cpu_ms_per_offer_${name.replace(/-/g, '_')}`] = round(ms / offers, 2);
    }
    out.cpu_ms_per_offer_total = round(total / offers, 2);
    out.machine_busy_share = round(
      (last.machineBusy - first.machineBusy) / (last.machineTotal - first.machineTotal),
      3,
    );
    return out;
  }

  /**
   * One line per window: offers accepted in it, their match latency p50/p99 (ms), and the cores
   * each part used in it.
   */
  table(accepted: ReadonlyMap<string, number>, matched: ReadonlyMap<string, number>): string[] {
    const names = Object.keys(this.samples[0]!.parts);
    const lines = [
      `  ${'window'.padEnd(9)} ${'offers'.padStart(6)} ${'p50'.padStart(6)} ${'p99'.padStart(6)}  ` +
        `${names.map((n) => n.slice(0, 9).padStart(9)).join(' ')} ${'machine'.padStart(8)}`,
    ];
    const origin = this.samples[0]!.at;
    for (let i = 1; i < this.samples.length; i++) {
      const [a, b] = [this.samples[i - 1]!, this.samples[i]!];
      const wall = b.at - a.at;
      if (wall <= 0) continue;
      const latencies = [...accepted]
        .filter(([, t]) => t >= a.at && t < b.at)
        .map(([id, t]) => (matched.get(id) ?? NaN) - t)
        .filter((l) => !Number.isNaN(l))
        .sort((x, y) => x - y);
      const cores = names.map((n) => ((b.parts[n]! - a.parts[n]!) / wall).toFixed(2).padStart(9));
      const busy = (b.machineBusy - a.machineBusy) / (b.machineTotal - a.machineTotal);
      lines.push(
        `  ${`+${Math.round((a.at - origin) / 1000)} s`.padEnd(9)} ${String(latencies.length).padStart(6)} ` +
          `${fmt(percentile(latencies, 50))} ${fmt(percentile(latencies, 99))}  ${cores.join(' ')} ` +
          `${`${(busy * 100).toFixed(1)} %`.padStart(8)}`,
      );
    }
    return lines;
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : String(Math.round(ms))).padStart(6);
