// Replicas sharing one outbox: each due message is claimed by exactly one replica (PostgreSQL
// skips rows another is claiming), a claim holds for its lease, and the claims of a replica
// that died come back once the lease has run out (not before: the others may be sending). A
// running process never loses its own claims, and once another sender has taken a claim over,
// what the first holder says about it late changes nothing. Each Outbox below is a process.
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

  /** Two processes on one database: the first claims, the second may take over. */
  const twoProcesses = async () => {
    const { sql } = await open();
    const options = { replicas: engine.name === 'postgres' };
    return [new Outbox(sql, options), new Outbox(sql, options)] as const;
  };
  const statusOf = async (outbox: Outbox, i: number) => (await outbox.find(`reminder:${i}`))?.status;
  const afterLease = later(OUTBOX_LEASE_MS + 1);

  it('keeps a claim for its lease, then gives it back to the queue', async () => {
    const [dead, survivor] = await twoProcesses();
    for (let i = 0; i < 3; i++) await dead.enqueue(entry(i), T0);
    expect(await dead.claimDue(T0, 10)).toHaveLength(3);

    // A minute later the claims still hold: nothing comes back, nothing is claimed twice.
    expect(await survivor.recoverExpiredLeases(later(60_000))).toBe(0);
    expect(await survivor.claimDue(later(60_000), 10)).toEqual([]);

    // The claimer died: once the lease has run out the rows are due again, once each.
    expect(await survivor.recoverExpiredLeases(afterLease)).toBe(3);
    expect((await survivor.claimDue(afterLease, 10)).map((m) => m.idempotencyKey).sort()).toEqual([
      'reminder:0',
      'reminder:1',
      'reminder:2',
    ]);
  });

  it('never takes back its own claims, however long past their lease they are still being sent', async () => {
    const [sender] = await twoProcesses();
    for (let i = 0; i < 3; i++) await sender.enqueue(entry(i), T0);
    expect(await sender.claimDue(T0, 10)).toHaveLength(3);
    expect(await sender.recoverExpiredLeases(afterLease)).toBe(0);
    expect(await sender.claimDue(afterLease, 10)).toEqual([]);
  });

  it('leaves a reply to the process delivering it, and takes it back once that process is gone', async () => {
    const [replying, sender] = await twoProcesses();
    const reply = { idempotencyKey: 'reply:1', channel: 'telegram' as const, externalId: '7', purpose: 'reply', replies: [] };
    await replying.enqueueClaimed(reply, T0);
    expect(await replying.recoverExpiredLeases(afterLease)).toBe(0);
    expect(await sender.recoverExpiredLeases(afterLease)).toBe(1);
    expect(await sender.claimDue(afterLease, 10)).toHaveLength(1);
  });

  it("ignores a late answer about a claim another sender took over: the message is that sender's", async () => {
    const [stalled, takingOver] = await twoProcesses();
    for (let i = 0; i < 4; i++) await stalled.enqueue(entry(i), T0);
    const old = await stalled.claimDue(T0, 10);
    expect(await takingOver.recoverExpiredLeases(afterLease)).toBe(4);
    expect(await takingOver.claimDue(afterLease, 10)).toHaveLength(4);

    // The first holder wakes up and reports on each of its old claims.
    await stalled.markSent(old[0]!.id, afterLease);
    await stalled.release(old[1]!.id, afterLease);
    await stalled.retryAt(old[2]!.id, afterLease, 'timeout');
    await stalled.fail(old[3]!.id, 'failed', '400');
    for (let i = 0; i < 4; i++) expect(await statusOf(takingOver, i)).toBe('sending');
    // Nothing came back to the queue to be sent a third time.
    expect(await takingOver.claimDue(later(OUTBOX_LEASE_MS + 60_000), 10)).toEqual([]);
    // The new holder's answers count.
    await takingOver.markSent(old[0]!.id, afterLease);
    expect(await statusOf(takingOver, 0)).toBe('sent');
  });

  it('counts a late "sent" for a claim taken back and not claimed again: it is not sent twice', async () => {
    const [stalled, takingOver] = await twoProcesses();
    await stalled.enqueue(entry(0), T0);
    const [old] = await stalled.claimDue(T0, 10);
    expect(await takingOver.recoverExpiredLeases(afterLease)).toBe(1);
    await stalled.markSent(old!.id, afterLease);
    expect(await statusOf(takingOver, 0)).toBe('sent');
    expect(await takingOver.claimDue(afterLease, 10)).toEqual([]);
  });

  it('on one process (SQLite), takes back every unconfirmed send at start', async () => {
    const outbox = new Outbox((await open()).sql);
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
      return new Outbox(sql, { replicas: true });
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
