// What two replicas on one PostgreSQL must do once between them, not once each: warn a
// flooding person, send the outbox, spend Zalo's single-use refresh token. Each case runs
// two stores (two replicas, each with its own pools) on one fresh schema, and where it
// helps, a control with the in-process version shows what goes wrong without the database.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import type { Store } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';
import { memoryFloodCounter } from '../../src/store/coordination/floodCounts.js';
import { inProcessExclusive } from '../../src/store/coordination/exclusive.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { systemClock } from '../../src/jobs/clock.js';
import type { OutboundChannel } from '../../src/jobs/outbound.js';
import { TEST_CAPABILITIES } from '../support/harness.js';
import { postgresUrl } from '../support/engines.js';
import { oaHarness, type OaHarness } from '../zalo/support/oaHarness.js';

const config = loadConfig({ DATABASE_PATH: ':memory:', DATABASE_URL: '', DEMO_DATA: 'false' });

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** Two stores on one new schema: two replicas' views of one database. */
async function twoStores(): Promise<[Store, Store]> {
  const schema = await createFreshSchema(postgresUrl!);
  closing.push(() => dropSchema(postgresUrl!, schema));
  const open = async () => {
    const store = await openPostgresStore(postgresUrl!, { schema, max: 4 });
    closing.push(() => store.close());
    return store;
  };
  return [await open(), await open()];
}

const until = async (done: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
};

describe.skipIf(!postgresUrl)('two replicas on one PostgreSQL', () => {
  describe('the flood guard', () => {
    const LIMIT = 5;
    /** Sends 8 messages from one person, alternately to each replica; returns what each got back. */
    async function flood(replicas: Runtime[]): Promise<string[]> {
      const answers: string[] = [];
      for (let i = 0; i < 8; i++) {
        const replies = await replicas[i % 2]!.engine.handle(
          { channel: 'telegram', externalId: 'flooder', event: { kind: 'text', text: `tin ${i}` } },
          TEST_CAPABILITIES,
        );
        answers.push(replies.map((r) => r.text).join(' '));
      }
      return answers;
    }
    const runtimes = async (stores: Store[]) =>
      Promise.all(stores.map((store) => createRuntime(config, { store, floodLimits: { points: LIMIT, windowSeconds: 60 } })));

    it('counts a person once however their messages are spread: one warning after the limit, then silence', async () => {
      const answers = await flood(await runtimes(await twoStores()));
      expect(answers.slice(0, LIMIT).every((a) => a.length > 0)).toBe(true);
      expect(answers[LIMIT]).toMatch(/gửi nhanh quá/);
      expect(answers.slice(LIMIT + 1)).toEqual(['', '']);
    });

    it('(control) with each replica counting in memory, the person is never slowed down', async () => {
      const stores = (await twoStores()).map((s) => ({ ...s, floodCounter: memoryFloodCounter }));
      const answers = await flood(await runtimes(stores));
      expect(answers.every((a) => a.length > 0 && !/gửi nhanh quá/.test(a))).toBe(true);
    });
  });

  describe('the outbox sender', () => {
    /** A channel that records which replica sent what. */
    const recorder = (replica: string, sent: { replica: string; to: string }[]): OutboundChannel => ({
      channel: 'telegram',
      limits: { perSecond: 1000, perChatIntervalMs: 0 },
      deliver: async (externalId) => {
        sent.push({ replica, to: externalId });
        return { kind: 'sent' };
      },
    });
    const queue = async (store: Store, from: number, count: number) => {
      for (let i = from; i < from + count; i++)
        await store.outbox.enqueue({
          idempotencyKey: `nhac:${i}`,
          channel: 'telegram',
          externalId: String(1000 + i),
          purpose: 'reminder',
          replies: [{ text: `Nhắc việc ${i}` }],
          notBefore: new Date(),
        });
      store.outbox.notifyDueNow();
    };

    it('is one replica at a time; when it stops, the other takes over', async () => {
      const stores = await twoStores();
      const sent: { replica: string; to: string }[] = [];
      const workers = stores.map(
        (store, i) =>
          new OutboxWorker({
            outbox: store.outbox,
            channels: [recorder(`r${i}`, sent)],
            clock: systemClock,
            idleMs: 50,
            lease: store.senderLease(),
          }),
      );
      closing.push(() => Promise.all(workers.map((w) => w.stop())).then(() => undefined));
      for (const w of workers) w.start();
      await queue(stores[0], 0, 40);
      await until(() => sent.length >= 40);
      expect(sent).toHaveLength(40);
      const senders = new Set(sent.map((s) => s.replica));
      expect(senders.size).toBe(1);
      const first = [...senders][0]!;

      await workers[Number(first.slice(1))]!.stop();
      await queue(stores[1], 40, 20);
      await until(() => sent.length >= 60);
      const after = sent.slice(40);
      expect(after).toHaveLength(20);
      expect(new Set(after.map((s) => s.replica))).toEqual(new Set([first === 'r0' ? 'r1' : 'r0']));
      expect(new Set(sent.map((s) => s.to)).size).toBe(60);
    });
  });

  describe("Zalo's refresh token", () => {
    /** Two OA channels (two replicas) on one database and one Zalo, the access token about to expire. */
    async function twoChannels(exclusive: boolean): Promise<[OaHarness, OaHarness]> {
      const [a, b] = await twoStores();
      const local = (s: Store) => (exclusive ? s : { ...s, exclusive: inProcessExclusive() });
      const first = await oaHarness({ store: local(a), expiresInSeconds: 60 });
      closing.push(() => first.zalo.close());
      const second = await oaHarness({ store: local(b), zalo: first.zalo, seedTokens: false });
      // Stores are closed by twoStores; the harnesses' own close would close them twice.
      for (const h of [first, second])
        closing.push(async () => {
          await h.channel.stop();
          await h.app.close();
        });
      first.zalo.refreshDelayMs = 50;
      return [first, second];
    }
    const sendFromBoth = (hs: OaHarness[]) =>
      Promise.allSettled(hs.flatMap((h, r) => [0, 1, 2].map((i) => h.channel.send(`6142494823000${r}${i}`, [{ text: 'x' }]))));

    it('is spent once when both replicas find the token about to expire; both then use the new pair', async () => {
      const hs = await twoChannels(true);
      const outcomes = await sendFromBoth(hs);
      expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
      expect(hs[0].zalo.refreshCalls).toEqual([{ refreshToken: 'RT-0', accepted: true }]);
      expect(new Set(hs[0].zalo.delivered.map((d) => d.accessToken))).toEqual(new Set(['AT-1']));
      expect(await hs[1].channel.health()).toEqual({ ok: true });
    });

    it('(control) refreshed by each replica on its own, the second refresh spends a dead token and asks for consent', async () => {
      const hs = await twoChannels(false);
      await sendFromBoth(hs);
      expect(hs[0].zalo.refreshCalls.map((c) => c.accepted)).toEqual([true, false]);
    });
  });
});
