import { readFileSync } from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';

/**
 * CPU time of another process (user + system, ms), from /proc/<pid>/stat (Linux). CPU per offer
 * is far less blurred by the shared machine's load than offers per second: time spent runnable but
 * waiting for a core is not counted.
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

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
