import { readdirSync, readFileSync } from 'node:fs';
import { processCpuMs, procStatFields, ticksToMs } from './cpu-time';

/**
 * CPU time (ms) of the machine's shared components, for a benchmark that runs every service on
 * one machine and wants to know where the cores went: the Kafka and search JVMs started by
 * deploy/infra/infra.sh (told apart by their -Dvigie.infra.component=<name> flag) and Postgres
 * (every live postgres process, plus what the postmaster reaped from backends that exited).
 * Linux only, read from /proc.
 */
export function componentCpuMs(): { kafka: number; search: number; postgres: number } {
  const out = { kafka: 0, search: 0, postgres: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'postgres') {
        out.postgres += processCpuMs(pid) + (isPostmaster(pid) ? reapedChildrenCpuMs(pid) : 0);
        continue;
      }
      if (comm !== 'java') continue;
      const component = /-Dvigie\.infra\.component=(kafka|search)\0/.exec(
        readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
      )?.[1] as 'kafka' | 'search' | undefined;
      if (component) out[component] += processCpuMs(pid);
    } catch {
      // The process ended between the listing and the read: its time is the postmaster's, or gone.
    }
  }
  return out;
}

/** The postmaster is the postgres process whose parent is not postgres. */
function isPostmaster(pid: number): boolean {
  const parent = Number(procStatFields(pid)[1]);
  try {
    return readFileSync(`/proc/${parent}/comm`, 'utf8').trim() !== 'postgres';
  } catch {
    return true;
  }
}

/** cutime + cstime: CPU of children that exited and were waited for (backends of closed pools). */
function reapedChildrenCpuMs(pid: number): number {
  const fields = procStatFields(pid);
  return ticksToMs(Number(fields[13]) + Number(fields[14]));
}

/** The machine's busy and total CPU time (ms, all cores) from /proc/stat, for a busy share. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const idle = ticks[3]! + ticks[4]!;
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: ticksToMs(total - idle), total: ticksToMs(total) };
}
