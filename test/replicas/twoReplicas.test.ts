// Two replicas of the real server on one PostgreSQL schema, behind a fake Telegram that
// refuses anything over its limits. 200 people write 2.000 messages, each to a random
// replica, one in ten delivered to the other replica too (at the same moment, or later
// while the person writes again); meanwhile 1.000 reminders are queued in the outbox. Part
// way through the reminders the replica sending them is killed with SIGKILL, and Telegram
// sends on to the other. In the end each person has read exactly what one bot alone
// answers to the same messages, in order; each reminder arrived once; the fan-out broke no
// limit; the only repeats are messages that were on the wire at the kill.
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { createFreshSchema, dropSchema } from '../../src/store/postgres/freshSchema.js';
import type { Store } from '../../src/store/index.js';
import { postgresUrl } from '../support/engines.js';
import { type AcceptedMessage, nowMs } from '../jobs/limitedBotApi.js';
import { killAll, startBotProcess } from '../trust/support/botProcess.js';
import { citizens, updateBody, type Citizen } from './support/citizens.js';
import { oneReplicaAnswers } from './support/oneReplica.js';
import { Webhooks } from './support/webhooks.js';
import { pace, readChat } from './support/transcripts.js';
import { queueReminders, REMINDER_KEY_PREFIX } from './support/fanout.js';
import { type RemoteBotApi, startRemoteBotApi } from './support/remoteBotApi.js';
import { handledUpdates, statusesOf, unsentCount } from './support/storeRecords.js';

const TOKEN = '555000444:two-replicas-token_abcdefghijkl';
const SECRET = 'two-replicas-webhook-secret_0123';
/** Each replica calls the fake Bot API under its own path, so each message says who sent it. */
const VIAS = ['r1', 'r2'] as const;
const PEOPLE = citizens({
  count: 200,
  messagesEach: 10,
  firstChat: 8_200_000,
  redelivered: 0.1,
  readMs: { min: 300, max: 2500 },
  seed: 20261201,
});
const FIRST_REMINDER_CHAT = 5_200_000;
const REMINDER_CHATS = Array.from({ length: 1000 }, (_, i) => String(FIRST_REMINDER_CHAT + i));
const reminderChats = new Set(REMINDER_CHATS);
/** The fan-out is queued once this many messages were answered; its sender is killed once this many reminders went. */
const QUEUE_AFTER_ANSWERS = 100;
const KILL_AFTER_REMINDERS = 150;
/**
 * Claims a dead replica held come back after this long (OUTBOX_LEASE_SECONDS): short, so the
 * kill's leftovers go within the test, yet twice as long as the worker plans sends ahead (5 s).
 * A claim's send starts within three quarters of it (or the claim is renewed first), so the
 * survivor's copy of a message on the wire at the kill comes seconds after the first.
 */
const LEASE_SECONDS = 10;
/** What the dead process had written to its socket still arrives this long after the kill. */
const LAST_WORDS_MS = 100;
/**
 * Reminders the killed sender may have sent without writing down that they went: a second of
 * sending at Telegram's rate. Each is marked sent right after Telegram's answer, so more
 * than that would mean the sender's records lag behind its sends.
 */
const IN_FLIGHT_AT_MOST = 30;

let api: RemoteBotApi | undefined;
let store: Store | undefined;
let schema: string | undefined;

afterAll(async () => {
  await killAll();
  await api?.close();
  await store?.close();
  if (schema) await dropSchema(postgresUrl!, schema);
});

/** The test's schema first in the replicas' search path: node-postgres passes `options` on to the server. */
function databaseUrl(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

async function waitFor(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// It chooses its engine itself: once per run, so the PostgreSQL project (TEST_STORE) leaves it out.
describe.skipIf(!postgresUrl || process.env.TEST_STORE === 'postgres')('two replicas on one PostgreSQL', () => {
  it('answer every message once and in order, send every reminder once within the limits, and survive kill -9', async () => {
    const started = Date.now();
    const expected = await oneReplicaAnswers(PEOPLE);

    schema = await createFreshSchema(postgresUrl!);
    store = await openPostgresStore(postgresUrl!, { schema, max: 4 });
    // The outbox paces its own sends to 30 a second; replies to a person's message are not
    // paced (Telegram allows them), so only the fan-out is held to the limit across chats.
    const bots = await startRemoteBotApi({
      token: TOKEN,
      seed: 7,
      globalChats: { from: FIRST_REMINDER_CHAT, to: FIRST_REMINDER_CHAT + REMINDER_CHATS.length - 1 },
      notifyAfter: KILL_AFTER_REMINDERS,
    });
    api = bots;
    const env = (via: string) => ({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: `${bots.apiRoot}/${via}`,
      DATABASE_URL: databaseUrl(postgresUrl!, schema!),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    const replicas = await Promise.all(VIAS.map((via) => startBotProcess(env(via), 60_000)));
    const webhooks = new Webhooks(replicas, SECRET, nowMs);

    // The replica that sent the fan-out's mark is killed at once.
    let kill: { replica: number; at: number } | undefined;
    void bots.reached
      .then((via) => {
        kill = { replica: VIAS.indexOf(via as (typeof VIAS)[number]), at: nowMs() };
        webhooks.kill(kill.replica);
      })
      .catch(() => undefined);

    // People wait for the bot's answer, read it, then write again; Telegram's later copy of a
    // message comes while they already write the next one. The fan-out is queued meanwhile.
    let answers = 0;
    let queueing: Promise<number> | undefined;
    const late: Promise<void>[] = [];
    const converse = async ({ messages }: Citizen, startAfterMs: number) => {
      await sleep(startAfterMs);
      for (const message of messages) {
        const body = updateBody(message);
        const other = 1 - message.replica;
        await Promise.all([
          webhooks.deliver(message.updateId, body, message.replica),
          ...(message.copy === 'together' ? [webhooks.deliver(message.updateId, body, other)] : []),
        ]);
        if (++answers === QUEUE_AFTER_ANSWERS) queueing = queueReminders(store!.outbox, REMINDER_CHATS);
        await sleep(message.readMs);
        if (message.copy === 'late') late.push(webhooks.deliver(message.updateId, body, other));
      }
    };
    await Promise.all(PEOPLE.map((person, i) => converse(person, i * 20)));
    await Promise.all(late);
    expect(await queueing).toBe(REMINDER_CHATS.length);
    await waitFor(() => kill !== undefined, 60_000, `${KILL_AFTER_REMINDERS} reminders, to kill their sender`);
    const { replica: killed, at: killedAt } = kill!;
    const survivor = replicas[1 - killed]!;

    // The survivor finishes: nothing left to send, in flight, or waiting out a dead claim.
    await waitFor(async () => (await unsentCount(store!)) === 0, 60_000, 'the outbox to empty').catch((error: Error) => {
      throw new Error(`${error.message}\n${survivor.output().slice(-3000)}`);
    });
    const { accepted, refusals, lateMs } = await bots.records();
    const received = (chat: string) => accepted.filter((m) => m.chat === chat).sort((a, b) => a.at - b.at);
    // Sent by the killed replica before it died, perhaps not yet written down as sent.
    const wasInFlight = (m: AcceptedMessage) => m.via === VIAS[killed] && m.at <= killedAt + LAST_WORDS_MS;
    /** A second copy the survivor sent of a message in flight at the kill: at least once, not exactly once. */
    const sentAgain = (first: AcceptedMessage, again: AcceptedMessage) => wasInFlight(first) && again.via === VIAS[1 - killed];
    const updates = PEOPLE.flatMap((p) => p.messages);
    const answered = new Set(webhooks.attempts.filter((a) => a.status === 200).map((a) => a.updateId));
    const handled = await handledUpdates(store);
    const answeredAfterKill = webhooks.attempts.filter((a) => a.status === 200 && a.answeredAt! > killedAt).length;

    // What each person read, against what one bot alone answers.
    let replyRepeats = 0;
    const misread: string[] = [];
    for (const { chat, messages } of PEOPLE) {
      const reading = readChat(received(String(chat)), expected.get(String(chat))!, sentAgain);
      replyRepeats += reading.repeats;
      if (reading.ok) continue;
      const together = messages.filter((m) => m.copy === 'together').map((m) => m.updateId);
      const cut = messages
        .filter((m) => webhooks.attempts.some((a) => a.updateId === m.updateId && a.status === undefined))
        .map((m) => m.updateId);
      misread.push(
        `chat ${chat}: ${reading.problem}; updates sent to both at once: [${together.join(', ')}], cut by the kill: [${cut.join(', ')}]`,
      );
    }

    // The reminders: who sent each, how many times, and at what pace.
    const sent = accepted.filter((m) => reminderChats.has(m.chat)).sort((a, b) => a.at - b.at);
    const copies = new Map<string, AcceptedMessage[]>();
    for (const m of sent) copies.set(m.chat, [...(copies.get(m.chat) ?? []), m]);
    const repeated = [...copies.values()].filter((c) => c.length > 1);
    const before = sent.filter((m) => m.at <= killedAt + LAST_WORDS_MS);
    const after = sent.filter((m) => m.at > killedAt + LAST_WORDS_MS);
    const reminderRows = await statusesOf(store, REMINDER_KEY_PREFIX);
    const reminderRefusals = refusals.filter((r) => reminderChats.has(r.chat));
    const replyRefusals = refusals.filter((r) => !reminderChats.has(r.chat));
    const fanout = pace(sent);

    const summary = {
      seconds: Math.round((Date.now() - started) / 1000),
      updates: updates.length,
      deliveries: webhooks.attempts.length,
      notAnswered200: webhooks.attempts.filter((a) => a.status !== 200).length,
      copiesTogether: updates.filter((m) => m.copy === 'together').length,
      copiesLate: updates.filter((m) => m.copy === 'late').length,
      answeredAfterKill,
      peopleMisread: misread.length,
      replies: accepted.length - sent.length,
      replyRepeats,
      replyRefusals: {
        perChat: replyRefusals.filter((r) => r.kind === 'perChat').length,
        global: replyRefusals.filter((r) => r.kind === 'global').length,
      },
      reminders: sent.length,
      reminderRepeats: repeated.length,
      oldestRepeatMsBeforeKill: Math.round(Math.max(0, ...repeated.map((c) => killedAt - c[0]!.at))),
      reminderRefusals: reminderRefusals.length,
      remindersBeforeKill: before.length,
      fanoutMostInASecond: fanout.mostInWindow,
      botApiLateMs: lateMs,
      takeoverMs: after.length ? Math.round(after[0]!.at - killedAt) : undefined,
      lastReminderAfterKillMs: after.length ? Math.round(after.at(-1)!.at - killedAt) : undefined,
    };
    console.info(`two replicas: ${JSON.stringify(summary)}`);
    // Everything the run saw, for reading a failure at leisure (REPLICAS_DUMP=/tmp/run.json).
    if (process.env.REPLICAS_DUMP)
      (await import('node:fs')).writeFileSync(
        process.env.REPLICAS_DUMP,
        JSON.stringify({
          started,
          killedAt,
          killed,
          accepted,
          refusals,
          attempts: webhooks.attempts,
          out: replicas.map((r) => r.output()),
        }),
      );

    // Every message answered 200 in the end, and recorded as handled once.
    expect(updates.filter((m) => !answered.has(m.updateId)).map((m) => m.updateId)).toEqual([]);
    expect(handled).toBe(updates.length);
    // The kill came while people were still writing: the survivor took over their messages.
    expect(answeredAfterKill, 'the traffic ended before the kill').toBeGreaterThan(0);

    // Each person read what one bot alone answers, in order; a repeat only of what was on the wire at the kill.
    expect(misread.slice(0, 5), `${misread.length} of ${PEOPLE.length} people read something else`).toEqual([]);

    // Each reminder arrived, once, or twice when the first copy was on the wire at the kill.
    expect(REMINDER_CHATS.filter((chat) => !copies.has(chat))).toEqual([]);
    expect(repeated.filter((c) => c.length > 2 || !sentAgain(c[0]!, c[1]!)).map((c) => c[0]!.chat)).toEqual([]);
    expect(repeated.length).toBeLessThanOrEqual(IN_FLIGHT_AT_MOST);
    expect(reminderRows).toEqual([{ status: 'sent', n: REMINDER_CHATS.length }]);

    // One sender at a time: the killed replica until the kill, the survivor after it.
    expect(new Set(before.map((m) => m.via))).toEqual(new Set([VIAS[killed]]));
    expect(new Set(after.map((m) => m.via))).toEqual(new Set([VIAS[1 - killed]]));

    // The fan-out broke no limit: Telegram refused none of it, and its arrivals keep the limits.
    expect(reminderRefusals).toEqual([]);
    expect(fanout.mostInWindow).toBeLessThanOrEqual(30);
    expect(fanout.leastChatGapMs).toBeGreaterThanOrEqual(1000);

    // The survivor still stops cleanly.
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
  }, 180_000);
});
