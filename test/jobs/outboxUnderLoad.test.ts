// The outbox sender when the database is slow, as it is while webhook turns share its pool:
// a claim that comes back after its lease has run out is still this sender's, and each
// message goes once; and a claim costs a few queries before its sends, not one per chat.
import { describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { TELEGRAM_LIMITS, type OutboundChannel } from '../../src/jobs/outbound.js';
import { Outbox } from '../../src/store/core/outbox.js';
import type { Store } from '../../src/store/index.js';
import { VirtualClock } from '../support/virtualClock.js';
import { openTestStore } from '../support/testStore.js';

const T0 = Date.parse('2023-12-07T09:00:00Z');

/** A channel that records what reached each chat, and when (virtual time). */
function recordingChannel(clock: VirtualClock) {
  const deliveries: { chat: string; at: number; text: string }[] = [];
  const channel: OutboundChannel = {
    channel: 'telegram',
    limits: TELEGRAM_LIMITS,
    deliver: async (chat, replies) => {
      deliveries.push({ chat, at: clock.now().getTime(), text: replies[0]!.text });
      return { kind: 'sent' };
    },
  };
  return { channel, deliveries };
}

async function queueFanout(outbox: Outbox, chats: number, perChat: number): Promise<void> {
  for (let c = 0; c < chats; c++)
    for (let n = 0; n < perChat; n++)
      await outbox.enqueue(
        {
          idempotencyKey: `nhac:${c}:${n}`,
          channel: 'telegram',
          externalId: String(900_000 + c),
          purpose: 'reminder',
          replies: [{ text: `nhắc ${c}-${n}` }],
          notBefore: new Date(T0),
        },
        new Date(T0),
      );
}

/** Runs the worker's own loop on the virtual clock, for at most a virtual minute, until `done`. */
async function sendUntil(worker: OutboxWorker, clock: VirtualClock, done: () => boolean | Promise<boolean>): Promise<void> {
  worker.start();
  for (let step = 0; step < 600 && !(await done()); step++) await clock.advance(100);
  await clock.run(worker.stop());
}

const outboxOn = (store: Store, options: { leaseMs?: number } = {}) => ({
  replicas: store.engine === 'postgres',
  ...options,
});

describe('the outbox sender on a slow database', () => {
  it('sends each reminder once when its claims are confirmed only after their lease ran out', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0);
    // Under load a claim comes back 3 s after it was made, its 2 s lease already over.
    class SlowClaims extends Outbox {
      override async claimDue(...args: Parameters<Outbox['claimDue']>) {
        const claimed = await super.claimDue(...args);
        await clock.sleep(3000);
        return claimed;
      }
    }
    const outbox = new SlowClaims(store.sql, outboxOn(store, { leaseMs: 2000 }));
    await queueFanout(outbox, 60, 2);
    const { channel, deliveries } = recordingChannel(clock);
    const emptied = async () => {
      const counts = await outbox.counts();
      return counts.pending + counts.sending === 0;
    };
    await sendUntil(new OutboxWorker({ outbox, channels: [channel], clock }), clock, emptied);

    const texts = deliveries.map((d) => d.text);
    expect(texts.length - new Set(texts).size, 'reminders sent twice').toBe(0);
    expect(new Set(texts).size).toBe(120);
    expect(await outbox.counts()).toMatchObject({ sent: 120, pending: 0, sending: 0 });
    await store.close();
  });

  it('asks the database a few times before a claim’s first send, not once per chat', async () => {
    const store = await openTestStore();
    const clock = new VirtualClock(T0);
    await queueFanout(store.outbox, 100, 1);
    // Every query waits its turn on the pool the webhook turns share: before the claim's first
    // send, the sender asks for the claim and who cannot be reached, not about each chat.
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const outbox = new Outbox(store.sql.withPlugin(counting), outboxOn(store));
    const { channel, deliveries } = recordingChannel(clock);
    let queriesBeforeFirstSend: number | undefined;
    const counted: OutboundChannel = {
      ...channel,
      deliver: (chat, replies) => {
        queriesBeforeFirstSend ??= queries;
        return channel.deliver(chat, replies);
      },
    };
    await clock.run(new OutboxWorker({ outbox, channels: [counted], clock }).runOnce());

    expect(deliveries).toHaveLength(100);
    expect(queriesBeforeFirstSend).toBeLessThanOrEqual(5);
    await store.close();
  });
});
