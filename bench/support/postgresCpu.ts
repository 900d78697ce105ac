// The CPU PostgreSQL spends for a server under load: the user and system time, from
// /proc/<pid>/stat, of the backends whose connections carry the server's application name
// (one backend per connection). Only when the database runs on this machine; background
// processes (WAL writer, checkpointer) serve every database on the server and are left out.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { CpuMeter } from '../ingest/measure.js';

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** utime + stime of a postgres process in clock ticks; undefined if it is not one here. */
function ticksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') return undefined;
    // After "pid (comm)": state is field 3, utime and stime are fields 14 and 15.
    const fields = stat.slice(close + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

async function backendPids(url: string, applicationName: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
      applicationName,
    ]);
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** Ticks by backend; undefined when one of them is not a process on this machine. */
async function backendTicks(url: string, applicationName: string): Promise<Map<number, number> | undefined> {
  const ticks = new Map<number, number>();
  for (const pid of await backendPids(url, applicationName)) {
    const t = ticksOf(pid);
    if (t === undefined) return undefined;
    ticks.set(pid, t);
  }
  return ticks;
}

/**
 * A meter of the backends of `applicationName` on the server at `url`, in µs. A backend
 * that connects during the window counts in full; one that ends during it is lost (pools
 * keep their connections while busy, so under load none ends).
 */
export function postgresBackendCpu(url: string, applicationName: string): CpuMeter {
  const microsPerTick = 1e6 / clockTicksPerSecond();
  return {
    async start() {
      const before = await backendTicks(url, applicationName);
      return async () => {
        const after = await backendTicks(url, applicationName);
        if (!before || !after) return undefined;
        let ticks = 0;
        for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
        return ticks * microsPerTick;
      };
    },
  };
}
