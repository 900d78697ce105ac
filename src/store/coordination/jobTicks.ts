// Scheduled jobs once per tick across replicas: every replica's timer fires, and the one
// whose row for (job, tick) lands runs the job. The primary key decides, in one statement,
// so two replicas can never both see "not claimed yet" (as a SELECT then INSERT would let
// them). The same SQL runs on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Claims `tick` of `job` (e.g. the scheduled minute in ISO form): true for exactly one
 * caller per (job, tick), across every replica on the database; false for the rest.
 * At most once, not at least once: a replica that claims and then dies leaves the tick
 * undone, so a job should catch up on its next tick rather than rely on every one.
 */
export async function claimTick(sql: Kysely<DB>, job: string, tick: string, at = new Date()): Promise<boolean> {
  const claimed = await sql
    .insertInto('job_tick')
    .values({ job, tick, claimed_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['job', 'tick']).doNothing())
    .returning('job')
    .executeTakeFirst();
  return claimed !== undefined;
}

/**
 * Deletes the ticks claimed before `iso`; returns how many. A purged tick can be claimed
 * again, so keep ticks well past the time any replica could still fire for them (a day
 * covers a replica whose clock or timer runs late).
 */
export async function purgeTicksBefore(sql: Kysely<DB>, iso: string): Promise<number> {
  const { numDeletedRows } = await sql.deleteFrom('job_tick').where('claimed_at', '<', iso).executeTakeFirst();
  return Number(numDeletedRows);
}
