// Replicas sharing one outbox: each due message is claimed by exactly one replica (PostgreSQL
// skips rows another is claiming), a claim holds for its lease, and the claims of a replica
// that died come back once the lease has run out (not before: the others may be sending).
import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_LEASE_MS, Outbox } from '../../../src/store/core/outbox.js';
import type { OutboxEntry } from '../../../src/store/core/outboxMessage.js';
import { createFreshSchema, dropSchema } from '../../../src/store/postgres/freshSchema.js';
import { postgresKysely, postgresPool } from '../../../src/store/postgres/pool.js';
import { ENGINES, type OpenEngine, postgresUrl } from '../../support/engines.js';

const T0 = new Date('2024-03-04T01:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const entry = (i: number): OutboxEntry => ({
  idempotencyKey: `reminder:${i}`,
  channel: 'telegram',
  externalId: String(1000 + i),
  purpose: 'reminder',
  replies: [{ text: `nhắc ${i}` }],
  notBefore: T0,
});

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

describe.each(ENGINES)('outbox claims on $name', (engine) => {
  const open = async (): Promise<OpenEngine> => {
    const db = await engine.open();
    closing.push(() => db.close());
    return db;
  };

  it('keeps a claim for its lease, then gives it back to the queue', async () => {
    const outbox = new Outbox((await open()).sql, engine.name === 'postgres');
    for (let i = 0; i < 3; i++) await outbox.enqueue(entry(i), T0);
    expect(await outbox.claimDue(T0, 10)).toHaveLength(3);

    // A minute later the claims still hold: nothing comes back, nothing is claimed twice.
    expect(await outbox.recoverExpiredLeases(later(60_000))).toBe(0);
    expect(await outbox.claimDue(later(60_000), 10)).toEqual([]);

    // The claimer died: once the lease has run out the rows are due again, once each.
    const after = later(OUTBOX_LEASE_MS + 1);
    expect(await outbox.recoverExpiredLeases(after)).toBe(3);
    expect((await outbox.claimDue(after, 10)).map((m) => m.idempotencyKey).sort()).toEqual([
      'reminder:0',
      'reminder:1',
      'reminder:2',
    ]);
  });

  it('on one process (SQLite), takes back every unconfirmed send at start', async () => {
    const outbox = new Outbox((await open()).sql, false);
    await outbox.enqueue(entry(0), T0);
    expect(await outbox.claimDue(T0, 10)).toHaveLength(1);
    expect(await outbox.recoverInFlight(later(1000))).toBe(1);
  });
});

describe.skipIf(!postgresUrl)('two replicas claiming from one PostgreSQL outbox', () => {
  const replicasOn = async (schema: string) =>
    [0, 1].map(() => {
      const sql = postgresKysely(postgresPool(postgresUrl!, { schema, max: 3 }));
      closing.push(() => sql.destroy());
      return new Outbox(sql, true);
    });

  it('a replica starting up leaves the rows another is sending alone', async () => {
    const schema = await createFreshSchema(postgresUrl!);
    closing.push(() => dropSchema(postgresUrl!, schema));
    const [running, starting] = await replicasOn(schema);
    for (let i = 0; i < 3; i++) await running!.enqueue(entry(i), T0);
    expect(await running!.claimDue(T0, 10)).toHaveLength(3);
    expect(await starting!.recoverInFlight(later(60_000))).toBe(0);
    expect(await starting!.claimDue(later(60_000), 10)).toEqual([]);
  });

  it('claim every due message exactly once between them', async () => {
    const schema = await createFreshSchema(postgresUrl!);
    closing.push(() => dropSchema(postgresUrl!, schema));
    const replicas = await replicasOn(schema);
    const COUNT = 300;
    for (let i = 0; i < COUNT; i++) await replicas[0]!.enqueue(entry(i), T0);

    const claimedBy = replicas.map(() => [] as string[]);
    await Promise.all(
      replicas.map(async (outbox, r) => {
        for (;;) {
          const batch = await outbox.claimDue(later(1000), 7);
          if (batch.length === 0) return;
          claimedBy[r]!.push(...batch.map((m) => m.idempotencyKey));
        }
      }),
    );
    const all = claimedBy.flat();
    expect(new Set(all).size).toBe(COUNT);
    expect(all).toHaveLength(COUNT);
    // Both did part of the work (neither waited on the other's locked rows until the end).
    expect(claimedBy.every((keys) => keys.length > 0)).toBe(true);
  });
});
