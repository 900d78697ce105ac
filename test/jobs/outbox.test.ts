import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/types.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { TELEGRAM_LIMITS, type OutboundChannel, type SendOutcome } from '../../src/jobs/outbound.js';
import type { Store } from '../../src/store/index.js';
import { Outbox } from '../../src/store/core/outbox.js';
import { VirtualClock } from '../support/virtualClock.js';
import { openTestStore, testDatabase } from '../support/testStore.js';

const T0 = Date.parse('2023-12-07T09:00:00Z');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A channel that records the virtual time of each delivery and answers as scripted. */
function fakeChannel(clock: VirtualClock, script: (chat: string, nth: number) => SendOutcome = () => ({ kind: 'sent' })) {
  const deliveries: { chat: string; at: number; text: string }[] = [];
  const tries = new Map<string, number>();
  const channel: OutboundChannel = {
    channel: 'telegram',
    limits: TELEGRAM_LIMITS,
    deliver: async (chat, replies: Reply[]) => {
      const nth = (tries.get(chat) ?? 0) + 1;
      tries.set(chat, nth);
      const outcome = script(chat, nth);
      if (outcome.kind === 'sent') deliveries.push({ chat, at: clock.now().getTime(), text: replies[0]!.text });
      return outcome;
    },
  };
  return { channel, deliveries };
}

function enqueue(store: Store, key: string, chat: string, at = T0) {
  return store.outbox.enqueue({
    idempotencyKey: key,
    channel: 'telegram',
    externalId: chat,
    purpose: 'reminder',
    replies: [{ text: `nhắc ${key}` }],
    notBefore: new Date(at),
  });
}

async function drain(worker: OutboxWorker, clock: VirtualClock, store: Store) {
  const waiting = async () => {
    const counts = await store.outbox.counts();
    return counts.pending + counts.sending;
  };
  for (let round = 0; round < 500 && (await waiting()) > 0; round++) {
    await clock.run(worker.runOnce());
    if ((await store.outbox.counts()).pending > 0) await clock.advance(1000);
  }
}

describe('outbox', () => {
  it('queues a message once however often the same key is enqueued', async () => {
    const store = await openTestStore();
    expect(await enqueue(store, 'rule1:person7:2023-12-08', '7')).toBe(true);
    expect(await enqueue(store, 'rule1:person7:2023-12-08', '7')).toBe(false);
    expect((await store.outbox.counts()).pending).toBe(1);
  });

  it('sends everything within 30 per second overall and 1 per second per chat', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0);
    const { channel, deliveries } = fakeChannel(clock);
    for (let chat = 0; chat < 40; chat++) for (let n = 0; n < 3; n++) await enqueue(store, `k${chat}-${n}`, String(chat));
    const worker = new OutboxWorker({ outbox: store.outbox, channels: [channel], clock });
    await drain(worker, clock, store);

    expect(deliveries).toHaveLength(120);
    expect(new Set(deliveries.map((d) => d.text)).size).toBe(120);
    const byChat = new Map<string, number[]>();
    for (const d of deliveries) byChat.set(d.chat, [...(byChat.get(d.chat) ?? []), d.at]);
    for (const times of byChat.values())
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    const sorted = deliveries.map((d) => d.at).sort((a, b) => a - b);
    for (let i = 30; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 30]!).toBeGreaterThanOrEqual(1000);
  });

  it('leaves messages for a channel it does not send (the terminal chat) to whoever reads them', async () => {
    const clock = new VirtualClock(T0);
    const store = await openTestStore();
    const { channel, deliveries } = fakeChannel(clock);
    await store.outbox.enqueue({
      idempotencyKey: 'term',
      channel: 'terminal',
      externalId: 'local',
      purpose: 'reminder',
      replies: [{ text: 'cho terminal' }],
      notBefore: new Date(T0),
    });
    await enqueue(store, 'tele', '7');
    await clock.run(new OutboxWorker({ outbox: store.outbox, channels: [channel], clock }).runOnce());
    expect(deliveries.map((d) => d.text)).toEqual(['nhắc tele']);
    // Still due now for the terminal chat's own reader, not put off by ten minutes.
    expect((await store.outbox.claimDueTo('terminal', 'local', clock.now(), 10)).map((m) => m.replies[0]!.text)).toEqual([
      'cho terminal',
    ]);
  });

  it('waits out a 429 and sends the message once afterwards', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0);
    const { channel, deliveries } = fakeChannel(clock, (_chat, nth) =>
      nth === 1 ? { kind: 'rateLimited', retryAfterMs: 7000 } : { kind: 'sent' },
    );
    await enqueue(store, 'a', '1');
    const worker = new OutboxWorker({ outbox: store.outbox, channels: [channel], clock });
    await drain(worker, clock, store);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.at - T0).toBeGreaterThanOrEqual(7000);
    expect((await store.outbox.find('a'))!.status).toBe('sent');
  });

  it('marks a person who blocked the bot unreachable and stops writing to them', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0);
    const { channel, deliveries } = fakeChannel(clock, (chat) =>
      chat === 'blocked' ? { kind: 'unreachable', reason: 'blocked the bot' } : { kind: 'sent' },
    );
    await enqueue(store, 'a', 'blocked');
    await enqueue(store, 'b', 'fine');
    const worker = new OutboxWorker({ outbox: store.outbox, channels: [channel], clock });
    await drain(worker, clock, store);
    await enqueue(store, 'c', 'blocked', T0 + 60_000);
    await clock.advance(60_000);
    await drain(worker, clock, store);
    expect(deliveries.map((d) => d.chat)).toEqual(['fine']);
    expect(await store.outbox.unreachable()).toEqual([
      expect.objectContaining({ channel: 'telegram', externalId: 'blocked', reason: 'blocked the bot' }),
    ]);
    expect((await store.outbox.find('c'))!.status).toBe('unreachable');
  });

  it('retries a server error with back-off, and gives up after the last attempt', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0);
    const { channel, deliveries } = fakeChannel(clock, (chat, nth) =>
      chat === 'flaky' && nth < 3
        ? { kind: 'transient', error: '502' }
        : chat === 'down'
          ? { kind: 'transient', error: '500' }
          : { kind: 'sent' },
    );
    await enqueue(store, 'a', 'flaky');
    await enqueue(store, 'b', 'down');
    const worker = new OutboxWorker({ outbox: store.outbox, channels: [channel], clock, maxAttempts: 4 });
    for (let i = 0; i < 60; i++) {
      await clock.run(worker.runOnce());
      await clock.advance(1000);
    }
    expect(deliveries.map((d) => d.chat)).toEqual(['flaky']);
    expect((await store.outbox.find('a'))!.status).toBe('sent');
    expect(await store.outbox.find('b')).toMatchObject({ status: 'failed', attempts: 4 });
  });

  it('drops a reminder that is no longer relevant', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0 + 3600_000);
    const { channel, deliveries } = fakeChannel(clock);
    await store.outbox.enqueue({
      idempotencyKey: 'late',
      channel: 'telegram',
      externalId: '1',
      purpose: 'reminder',
      replies: [{ text: 'x' }],
      notBefore: new Date(T0),
      expiresAt: new Date(T0 + 60_000),
    });
    await clock.run(new OutboxWorker({ outbox: store.outbox, channels: [channel], clock }).runOnce());
    expect(deliveries).toHaveLength(0);
    expect((await store.outbox.find('late'))!.status).toBe('expired');
  });

  it('sends nothing another sender took back while its claim was held up past its lease', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0);
    // Two senders' views of one outbox, as two replicas have: each claims under its own name.
    const LEASE_MS = 10_000;
    // This sender's claim comes back 11 s after it was made (a stalled process, a database
    // under load): by then its lease has run out, and the other replica, finding it so (as it
    // would were this one dead), has taken the messages back and sent them.
    const other = new Outbox(store.sql, { leaseMs: LEASE_MS });
    const byOther: string[] = [];
    class HeldUpClaims extends Outbox {
      override async claimDue(...args: Parameters<Outbox['claimDue']>) {
        const claimed = await super.claimDue(...args);
        await clock.sleep(LEASE_MS + 1000);
        await other.recoverExpiredLeases(clock.now());
        for (const m of await other.claimDue(clock.now(), 100)) {
          byOther.push(m.replies[0]!.text);
          await other.markSent(m.id, clock.now());
        }
        return claimed;
      }
    }
    const mine = new HeldUpClaims(store.sql, { leaseMs: LEASE_MS });
    for (let chat = 0; chat < 40; chat++) await enqueue(store, `k${chat}`, String(chat));
    const { channel, deliveries } = fakeChannel(clock);
    await clock.run(new OutboxWorker({ outbox: mine, channels: [channel], clock }).runOnce());

    expect(byOther).toHaveLength(40);
    expect(
      deliveries.map((d) => d.text),
      'sent a second time',
    ).toEqual([]);
    expect(await store.outbox.counts()).toMatchObject({ sent: 40, pending: 0, sending: 0 });
  });

  for (const leaseMs of [10_000, 1000])
    it(`puts back what would wait past its claim and sends it later, once, under a live claim (${leaseMs / 1000} s lease)`, async () => {
      const store = await openTestStore();
      const clock = new VirtualClock(T0);
      const mine = new Outbox(store.sql, { leaseMs });
      for (let chat = 0; chat < 40; chat++) await enqueue(store, `k${chat}`, String(chat));
      // Each request made while its claim had run out, which another replica could have sent too.
      const pastClaim: string[] = [];
      const { channel, deliveries } = fakeChannel(clock, (chat, nth) =>
        chat === '0' && nth === 1 ? { kind: 'rateLimited', retryAfterMs: 20_000 } : { kind: 'sent' },
      );
      const checked: OutboundChannel = {
        ...channel,
        deliver: async (chat, replies) => {
          const now = clock.now().toISOString();
          const row = await store.sql
            .selectFrom('outbox_message')
            .select('lease_until')
            .where('external_id', '=', chat)
            .where('status', '=', 'sending')
            .executeTakeFirst();
          if (!row?.lease_until || row.lease_until <= now) pastClaim.push(chat);
          return channel.deliver(chat, replies);
        },
      };
      await drain(new OutboxWorker({ outbox: mine, channels: [checked], clock }), clock, store);
      expect(pastClaim).toEqual([]);
      expect(deliveries.map((d) => d.text).sort()).toEqual(Array.from({ length: 40 }, (_, chat) => `nhắc k${chat}`).sort());
      expect(await store.outbox.counts()).toMatchObject({ sent: 40, pending: 0, sending: 0 });
    });

  it('loses nothing and repeats nothing confirmed when the process dies mid fan-out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    dirs.push(dir);
    // The database outlives the process: a SQLite file, or a PostgreSQL database of its own.
    const database = await testDatabase(join(dir, 'bot.sqlite'));
    const store = await database.open();
    for (let i = 0; i < 100; i++) await enqueue(store, `k${i}`, String(i));
    const clock = new VirtualClock(T0);
    const first = fakeChannel(clock);
    // The first process claims a batch, sends part of it, and dies before the rest.
    const claimed = await store.outbox.claimDue(clock.now(), 60);
    for (const m of claimed.slice(0, 25)) {
      await first.channel.deliver(m.externalId, m.replies);
      await store.outbox.markSent(m.id, clock.now());
    }
    await store.close();

    const restarted = await database.open();
    const second = fakeChannel(clock);
    const worker = new OutboxWorker({ outbox: restarted.outbox, channels: [second.channel], clock });
    expect(await restarted.outbox.recoverInFlight()).toBe(35);
    await drain(worker, clock, restarted);
    const all = [...first.deliveries, ...second.deliveries].map((d) => d.text);
    expect(all).toHaveLength(100);
    expect(new Set(all).size).toBe(100);
    expect(await restarted.outbox.counts()).toMatchObject({ sent: 100, pending: 0, sending: 0 });
    await restarted.close();
    await database.drop();
  });
});
