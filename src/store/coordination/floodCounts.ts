// The flood guard's counts of each person's messages: in memory for one process (SQLite),
// in PostgreSQL's `flood_count` table when replicas share the work, so that a person whose
// messages land on two replicas is counted once. rate-limiter-flexible does the counting;
// its PostgreSQL store increments a row in one upsert, so replicas never lose a count.
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface FloodLimits {
  /** Messages allowed per window. */
  points: number;
  windowSeconds: number;
}

/** Counts a key's messages in a window; rejects past the limit with the count so far (RateLimiterRes). */
export type FloodCounter = Pick<RateLimiterAbstract, 'consume'>;

/** One process's counts, in memory. */
export function memoryFloodCounter(limits: FloodLimits): FloodCounter {
  return new RateLimiterMemory({ points: limits.points, duration: limits.windowSeconds });
}

/**
 * Counts in `flood_count` (made by migration 017) on `pool`. Should the database not answer,
 * this process counts in memory meanwhile (the insurance limiter): the turn that follows
 * needs the database anyway and says so; the guard is no reason to drop a message.
 */
export function postgresFloodCounter(pool: pg.Pool, limits: FloodLimits): FloodCounter {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'flood_count',
    tableCreated: true,
    points: limits.points,
    duration: limits.windowSeconds,
    insuranceLimiter: memoryFloodCounter(limits) as RateLimiterMemory,
  });
}
