// Scheduled jobs fire on every replica; each run first claims its tick in the database
// (store.jobTicks), and only the replica whose claim lands runs the job.
import type { Store } from '../store/index.js';

export type JobTicks = Store['jobTicks'];

/** The tick of a job run every minute, or at a set time: the minute it fired for. */
export function minuteTick(at: Date): string {
  return at.toISOString().slice(0, 16);
}

/** The tick of a job run every `intervalMs`: the interval `at` falls in, counted from the epoch. */
export function intervalTick(at: Date, intervalMs: number): string {
  return String(Math.floor(at.getTime() / intervalMs));
}

/** Runs `job` if this replica is the one to claim `tick`; otherwise another replica does, and this returns undefined. */
export async function onceAcrossReplicas<T>(
  ticks: JobTicks,
  job: string,
  tick: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  return (await ticks.claim(job, tick)) ? run() : undefined;
}
