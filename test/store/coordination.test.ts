// What several replicas on one database coordinate through: a scheduled job's tick claimed
// once, a person's turns one at a time, and one outbox sender. The behaviour both engines
// share is checked on each; the PostgreSQL-only part runs two pools on one schema, as two
// replicas would, with real concurrency between them.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql as raw } from 'kysely';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimTick, purgeTicksBefore } from '../../src/store/coordination/jobTicks.js';
import { type PersonTurns, postgresPersonTurns, sqlitePersonTurns } from '../../src/store/coordination/personTurn.js';
import { postgresSenderLease, sqliteSenderLease } from '../../src/store/coordination/senderLease.js';
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';
import { postgresKysely, postgresPool } from '../../src/store/postgres/pool.js';
import type { DB } from '../../src/store/schema.js';
import { ENGINES, type Engine, type OpenEngine, postgresUrl } from '../support/engines.js';

const TURNS: Record<Engine['name'], PersonTurns> = {
  sqlite: sqlitePersonTurns,
  postgres: postgresPersonTurns,
};

// A row per person that a turn reads, then (after a pause in which another turn could slip
// in) writes back: the counter plus one, and the list of values written so far.
const PROBE = raw`CREATE TABLE turn_probe (person_id INTEGER PRIMARY KEY, counter INTEGER NOT NULL, seen TEXT NOT NULL)`;

async function addProbe(sql: Kysely<DB>, personId: number): Promise<void> {
  await raw`INSERT INTO turn_probe (person_id, counter, seen) VALUES (${personId}, 0, '')`.execute(sql);
}

/** One read-pause-write step, the shape of a turn that loads a conversation and saves it. */
async function step(trx: Kysely<DB>, personId: number): Promise<void> {
  const { rows } = await raw<{
    counter: number;
    seen: string;
  }>`SELECT counter, seen FROM turn_probe WHERE person_id = ${personId}`.execute(trx);
  const { counter, seen } = rows[0]!;
  await sleep(2);
  const next = counter + 1;
  await raw`UPDATE turn_probe SET counter = ${next}, seen = ${seen ? `${seen},${next}` : String(next)}
    WHERE person_id = ${personId}`.execute(trx);
}

async function probe(sql: Kysely<DB>, personId: number): Promise<{ counter: number; seen: number[] }> {
  const { rows } = await raw<{
    counter: number;
    seen: string;
  }>`SELECT counter, seen FROM turn_probe WHERE person_id = ${personId}`.execute(sql);
  const { counter, seen } = rows[0]!;
  return { counter, seen: seen ? seen.split(',').map(Number) : [] };
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each(ENGINES)('coordination on $name', (engine) => {
  let db: OpenEngine;
  const turns = TURNS[engine.name];
  beforeEach(async () => {
    db = await engine.open();
    await PROBE.execute(db.sql);
  });
  afterEach(async () => {
    await db.close();
  });

  it('claims a tick once, and every other tick or job afresh', async () => {
    expect(await claimTick(db.sql, 'reminders', '2024-03-01T08:00')).toBe(true);
    expect(await claimTick(db.sql, 'reminders', '2024-03-01T08:00')).toBe(false);
    expect(await claimTick(db.sql, 'reminders', '2024-03-01T08:01')).toBe(true);
    expect(await claimTick(db.sql, 'retention', '2024-03-01T08:00')).toBe(true);
  });

  it('gives a tick to one of many callers at once', async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimTick(db.sql, 'reminders', 'tick')));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('purges the ticks claimed before a time, which can then be claimed again', async () => {
    await claimTick(db.sql, 'reminders', 'a', new Date('2024-03-01T00:00:00Z'));
    await claimTick(db.sql, 'retention', 'a', new Date('2024-03-02T00:00:00Z'));
    await claimTick(db.sql, 'reminders', 'b', new Date('2024-03-03T00:00:00Z'));
    expect(await purgeTicksBefore(db.sql, '2024-03-03T00:00:00.000Z')).toBe(2);
    const left = await db.sql.selectFrom('job_tick').select(['job', 'tick']).execute();
    expect(left).toEqual([{ job: 'reminders', tick: 'b' }]);
    expect(await claimTick(db.sql, 'reminders', 'a')).toBe(true);
    expect(await claimTick(db.sql, 'reminders', 'b')).toBe(false);
  });

  it("runs one person's concurrent turns one at a time, none lost", async () => {
    await addProbe(db.sql, 1);
    await Promise.all(upTo(30).map(() => turns.withPersonTurn(db.sql, 1, (trx) => step(trx, 1))));
    expect(await probe(db.sql, 1)).toEqual({ counter: 30, seen: upTo(30) });
  });

  it('rolls a failed turn back whole, and the next turn of the person goes ahead', async () => {
    await addProbe(db.sql, 1);
    await expect(
      turns.withPersonTurn(db.sql, 1, async (trx) => {
        await step(trx, 1);
        throw new Error('the flow failed');
      }),
    ).rejects.toThrow('the flow failed');
    expect(await probe(db.sql, 1)).toEqual({ counter: 0, seen: [] });
    expect(await turns.withPersonTurn(db.sql, 1, async (trx) => (await step(trx, 1), 'answered'))).toBe('answered');
    expect(await probe(db.sql, 1)).toEqual({ counter: 1, seen: [1] });
  });
});

describe('the sender lease on SQLite', () => {
  it('is granted whenever asked, and held until released', async () => {
    const lease = sqliteSenderLease();
    expect(lease.holding()).toBe(false);
    expect(await lease.acquire()).toBe(true);
    expect(lease.holding()).toBe(true);
    await lease.release();
    expect(lease.holding()).toBe(false);
    expect(await lease.acquire()).toBe(true);
  });
});

/** A promise the test resolves by hand, to make two turns meet. */
function gate(): { open(): void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** `promise`, or a rejection after `ms`: a turn waiting on a lock it should not wait on fails instead of hanging. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  const timeout = sleep(ms, undefined, { ref: false }).then(() => {
    throw new Error(`still waiting after ${ms} ms`);
  });
  return Promise.race([promise, timeout]);
}

async function until(condition: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so after ${ms} ms`);
    await sleep(20);
  }
}

describe.skipIf(!postgresUrl)('two replicas on one PostgreSQL schema', () => {
  const url = postgresUrl!;
  let schema: string;
  let poolA: pg.Pool;
  let poolB: pg.Pool;
  let a: Kysely<DB>;
  let b: Kysely<DB>;
  const turns = postgresPersonTurns;

  beforeAll(async () => {
    schema = await createFreshSchema(url);
    poolA = postgresPool(url, { schema, max: 4 });
    poolB = postgresPool(url, { schema, max: 4 });
    a = postgresKysely(poolA);
    b = postgresKysely(poolB);
    await PROBE.execute(a);
  });

  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
    if (schema) await dropSchema(url, schema);
  });

  it('gives a tick to exactly one of 20 callers on two replicas', async () => {
    for (const tick of ['t1', 't2', 't3', 't4', 't5']) {
      const claims = await Promise.all(upTo(20).map((i) => claimTick(i % 2 ? a : b, 'reminders', tick)));
      expect(claims.filter(Boolean), tick).toHaveLength(1);
    }
    const { n } = await a
      .selectFrom('job_tick')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(5);
  });

  it("runs one person's turns from two replicas one at a time: 100 turns, no update lost", async () => {
    await addProbe(a, 10);
    const run = (sql: Kysely<DB>) => upTo(50).map(() => turns.withPersonTurn(sql, 10, (trx) => step(trx, 10)));
    await Promise.all([...run(a), ...run(b)]);
    // Every turn read what the one before it committed: the values written are 1…100 in order.
    expect(await probe(a, 10)).toEqual({ counter: 100, seen: upTo(100) });
  });

  it('loses updates without the person lock (the check above can fail)', async () => {
    await addProbe(a, 11);
    const run = (sql: Kysely<DB>) => upTo(50).map(() => sql.transaction().execute((trx) => step(trx, 11)));
    await Promise.all([...run(a), ...run(b)]);
    expect((await probe(a, 11)).counter).toBeLessThan(100);
  });

  it("does not make two people's turns wait for each other", async () => {
    const [one, two] = [gate(), gate()];
    const spans: Record<string, [number, number]> = {};
    // Each turn holds its person's lock until the other turn is inside its own: were either
    // to wait for the other's lock, neither would get that far and both would time out.
    const meet = (me: ReturnType<typeof gate>, other: ReturnType<typeof gate>, name: string) => async () => {
      const start = performance.now();
      me.open();
      await within(other.opened, 5000);
      await sleep(20);
      spans[name] = [start, performance.now()];
    };
    await Promise.all([turns.withPersonTurn(a, 21, meet(one, two, 'one')), turns.withPersonTurn(b, 22, meet(two, one, 'two'))]);
    const [s1, e1] = spans.one!;
    const [s2, e2] = spans.two!;
    expect(s1 < e2 && s2 < e1).toBe(true);
  });

  it("starts a person's turn on one replica only once the turn on the other has ended", async () => {
    const spans: Record<string, [number, number]> = {};
    const hold = (name: string, ms: number) => async () => {
      const start = performance.now();
      await sleep(ms);
      spans[name] = [start, performance.now()];
    };
    const first = turns.withPersonTurn(a, 23, hold('first', 300));
    await sleep(50); // the first turn holds the lock by now
    await Promise.all([first, turns.withPersonTurn(b, 23, hold('second', 0))]);
    expect(spans.second![0]).toBeGreaterThanOrEqual(spans.first![1]);
  });

  describe('the sender lease', () => {
    const leases: ReturnType<typeof postgresSenderLease>[] = [];
    const lease = (pool: pg.Pool) => {
      const made = postgresSenderLease(pool);
      leases.push(made);
      return made;
    };
    afterEach(async () => {
      await Promise.all(leases.splice(0).map((l) => l.release()));
    });

    it('is held by one replica at a time, and passes on when released', async () => {
      const [onA, onB] = [lease(poolA), lease(poolB)];
      expect(await onA.acquire()).toBe(true);
      expect(await onB.acquire()).toBe(false);
      expect(onB.holding()).toBe(false);
      // Asking again while holding keeps the one lock (not a second, re-entrant one that a
      // single release would leave behind).
      expect(await onA.acquire()).toBe(true);
      expect(onA.holding()).toBe(true);
      await onA.release();
      expect(onA.holding()).toBe(false);
      expect(await onB.acquire()).toBe(true);
      expect(await onA.acquire()).toBe(false);
    });

    it("passes on when the sender's connection dies, as when its replica does", async () => {
      const [onA, onB] = [lease(poolA), lease(poolB)];
      expect(await onA.acquire()).toBe(true);
      // The server ends the session holding the sender's lock ("send", this schema's hash).
      const { rows } = await raw<{ ended: boolean }>`SELECT pg_terminate_backend(pid) AS ended FROM pg_locks
        WHERE locktype = 'advisory' AND classid = ${0x73656e64}::oid AND objsubid = 2
          AND objid::bigint = hashtext(${schema})::bigint & 4294967295`.execute(b);
      expect(rows).toEqual([{ ended: true }]);
      // Replica A learns it from its connection, without asking, and does not crash on the error.
      await until(() => !onA.holding());
      await until(() => onB.acquire());
      expect(await onA.acquire()).toBe(false);
      // The dead connection left pool A; its next query gets a live one.
      expect((await raw<{ one: number }>`SELECT 1 AS one`.execute(a)).rows).toEqual([{ one: 1 }]);
    });

    it('is one per schema: an installation in another schema of the database elects its own', async () => {
      const other = await createFreshSchema(url);
      const otherPool = postgresPool(url, { schema: other, max: 2 });
      try {
        const here = lease(poolA);
        const there = postgresSenderLease(otherPool);
        expect(await here.acquire()).toBe(true);
        expect(await there.acquire()).toBe(true);
        await there.release();
      } finally {
        await otherPool.end();
        await dropSchema(url, other);
      }
    });
  });
});
