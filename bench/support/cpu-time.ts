import { readFileSync } from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';

/**
 * CPU time of another process (user + system, ms), from /proc/<pid>/stat (Linux). CPU per offer
 * is far less blurred by the shared machine's load than offers per second: time spent runnable but
 * waiting for a core is not counted.
 */
export function processCpuMs(pid: number): number {
  const fields = procStatFields(pid);
  return ticksToMs(Number(fields[11]) + Number(fields[12]));
}

/** The fields of /proc/<pid>/stat after the command name (in parentheses, it may hold spaces). */
export function procStatFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Clock ticks to ms: USER_HZ is 100 on every Linux this runs on. */
export const ticksToMs = (ticks: number): number => (ticks * 1000) / 100;

/** The engine node's process CPU and its indexing time (ms): with a node of one's own, the bench's. */
export async function engineCpu(client: Client): Promise<{ cpuMs: number; indexTimeMs: number }> {
  const r = await client.nodes.stats({ node_id: '_local', metric: ['process', 'indices'] });
  const node = Object.values(
    (
      r.body as {
        nodes: Record<
          string,
          {
            process: { cpu: { total_in_millis: number } };
            indices: { indexing: { index_time_in_millis: number } };
          }
        >;
      }
    ).nodes,
  )[0]!;
  return { cpuMs: node.process.cpu.total_in_millis, indexTimeMs: node.indices.indexing.index_time_in_millis };
}
