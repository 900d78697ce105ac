// Whole answers after a crash. Citizens talk to the real server while it is killed with
// SIGKILL three times, each time while a first-contact answer (privacy notice, then the
// menu) is half-sent; Telegram re-sends what was not answered 200. In the end each person
// has read exactly the answers a server that never crashed gives to the same messages, in
// order; the only extra messages are repeats of one that was being sent at a crash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime.js';
import { TELEGRAM_CAPABILITIES } from '../../src/channels/telegram/channel.js';
import { textEvent } from '../../src/channels/telegram/inbound.js';
import { renderReply } from '../../src/channels/telegram/render.js';
import { startBotApiStub, type BotApiStub, type StubCall } from './support/botApiStub.js';
import { killAll, startBotProcess, type BotProcess } from './support/botProcess.js';
import { openTestStore, testDatabase, type TestDatabase } from '../support/testStore.js';

const TOKEN = '555000333:whole-answers-token_abcdefghijk';
const SECRET = 'whole-answers-webhook-secret_01';
const CITIZENS = Array.from({ length: 18 }, (_, i) => 8_100_000 + i);
const SAYS = ['/start', 'tạo tài khoản vneid', '1', 'menu', 'quên mật khẩu', '/thanhtoan', '2', '/huy'];
/** The first message of a first-contact answer; the menu follows it. */
const NOTICE = /^Trước khi bắt đầu|không lưu mật khẩu/;
/** Kill at every few notices on the wire (so that answer is cut half-way), this many times. */
const KILL_EVERY_NOTICES = 3;
const CRASHES = 3;

const dir = mkdtempSync(join(tmpdir(), 'trolydvc-whole-'));
let stub: BotApiStub | undefined;
let database: TestDatabase | undefined;

afterAll(async () => {
  await killAll();
  await stub?.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** What a server that never crashes sends each citizen for the same messages, message by message. */
async function referenceTexts(): Promise<Map<number, string[]>> {
  const runtime = await createRuntime(loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }), {
    store: await openTestStore(),
  });
  const reference = new Map<number, string[]>();
  for (const chat of CITIZENS) {
    const texts: string[] = [];
    for (const text of SAYS) {
      const replies = await runtime.engine.handle(
        { channel: 'telegram', externalId: String(chat), languageHint: 'vi', event: textEvent(text) },
        TELEGRAM_CAPABILITIES,
      );
      for (const reply of replies)
        for (const message of renderReply(reply)) texts.push(message.kind === 'text' ? message.text : (message.caption ?? ''));
    }
    reference.set(chat, texts);
  }
  await runtime.store.close();
  return reference;
}

function update(updateId: number, chat: number, text: string): string {
  const from = { id: chat, is_bot: false, first_name: 'Người dân', language_code: 'vi' };
  return JSON.stringify({
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: 'private', first_name: 'A' },
      from,
      text,
    },
  });
}

describe('whole answers after a crash', () => {
  it('leaves nobody with half an answer, and repeats at most the message in flight at each crash', async () => {
    const reference = await referenceTexts();
    const crashes: number[] = [];
    const diedAt: number[] = [];
    let notices = 0;
    let bot: BotProcess;
    let restarted: Promise<BotProcess> | undefined;
    const data = await testDatabase(join(dir, 'trolydvc.sqlite'));
    database = data;
    const env = () => ({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: 'webhook' as const,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: stub!.url,
      ...data.env,
      // On PostgreSQL what a killed process was sending comes back once its claim runs out
      // (another replica might still be sending it); by default that is 5 minutes.
      OUTBOX_LEASE_SECONDS: '5',
      LOG_LEVEL: 'warn',
    });
    let restarting = false;
    const crash = () => {
      crashes.push(stub!.calls.length);
      const dying = bot;
      restarting = true;
      dying.child.kill('SIGKILL');
      restarted = dying.exited
        .then(() => {
          // Calls the dead process had already put on the wire arrive up to here.
          diedAt.push(stub!.calls.length);
          return startBotProcess(env());
        })
        .then((b) => {
          restarting = false;
          return (bot = b);
        });
    };
    stub = await startBotApiStub({
      sendDelayMs: 25,
      onCall: (call: StubCall) => {
        // One server at a time: what a dying process still sends does not count.
        if (restarting || call.method !== 'sendMessage' || !NOTICE.test(call.text ?? '')) return;
        notices++;
        if (notices % KILL_EVERY_NOTICES === 0 && crashes.length < CRASHES) crash();
      },
    });
    bot = await startBotProcess(env());

    let nextUpdateId = 1;
    const citizen = async (chat: number, startAfterMs: number) => {
      await new Promise((r) => setTimeout(r, startAfterMs));
      for (const text of SAYS) {
        const body = update(nextUpdateId++, chat, text);
        // Telegram re-sends an update until it is answered 200.
        for (let tries = 0; ; tries++) {
          expect(tries, `chat ${chat}: "${text}" never answered`).toBeLessThan(20);
          const current = bot;
          const status = await fetch(`${current.url}/telegram/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body,
            signal: AbortSignal.timeout(20_000),
          }).then(
            (r) => r.status,
            () => undefined,
          );
          if (status === 200) break;
          await (current === bot ? (restarted ?? new Promise((r) => setTimeout(r, 200))) : undefined);
          if (current === bot) await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 60));
      }
    };
    await Promise.all(CITIZENS.map((chat, i) => citizen(chat, i * 180)));
    await restarted;
    expect(crashes).toHaveLength(CRASHES);

    const received = (chat: number) =>
      stub!.calls
        .filter((c) => c.chatId === String(chat) && c.method.startsWith('send'))
        .map((c) => ({ seq: c.seq, text: c.text ?? '' }));
    /** How many of the expected messages the person has read, in order, repeats skipped. */
    const readSoFar = (chat: number) => {
      const expected = reference.get(chat)!;
      let j = 0;
      for (const message of received(chat)) if (j < expected.length && message.text === expected[j]) j++;
      return j;
    };
    // Answers queued behind a crash's leftovers go out paced, one a second per chat.
    const deadline = Date.now() + 30_000;
    while (CITIZENS.some((chat) => readSoFar(chat) < reference.get(chat)!.length) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));

    let repeats = 0;
    let cutAnswers = 0;
    for (const chat of CITIZENS) {
      const expected = reference.get(chat)!;
      const got = received(chat);
      let j = 0;
      for (const [i, message] of got.entries()) {
        if (j < expected.length && message.text === expected[j]) {
          j++;
          continue;
        }
        // Anything else must be the message just before, sent again across a crash.
        const previous = got[i - 1];
        expect(previous?.text, `chat ${chat}: unexpected message ${i}: ${message.text.slice(0, 60)}`).toBe(message.text);
        expect(
          diedAt.some((at) => previous!.seq < at && at <= message.seq),
          `chat ${chat}: a repeat with no crash between`,
        ).toBe(true);
        repeats++;
      }
      expect(j, `chat ${chat} read ${j} of ${expected.length} messages`).toBe(expected.length);
      // A crash found this person with the notice sent and the menu not yet.
      for (const at of diedAt) {
        const before = got.filter((m) => m.seq < at);
        if (before.length > 0 && NOTICE.test(before.at(-1)!.text) && got.length > before.length) cutAnswers++;
      }
    }
    // Each crash cut a first-contact answer half-way, and each was completed afterwards.
    expect(cutAnswers).toBeGreaterThanOrEqual(CRASHES);
    // At most one message per chat is in flight at a crash.
    expect(repeats).toBeLessThanOrEqual(CRASHES * CITIZENS.length);

    bot!.child.kill('SIGTERM');
    expect(await bot!.exited).toBe(0);
  }, 120_000);
});

describe('the first-contact notice after a crash', () => {
  it('is shown again when the process died after the person was recorded but before the answer was', async () => {
    const runtime = await createRuntime(loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }), {
      store: await openTestStore(),
    });
    const inbound = { channel: 'telegram' as const, externalId: '8200001', answeredDurably: true, event: textEvent('/start') };
    const first = await runtime.engine.handle(inbound, TELEGRAM_CAPABILITIES);
    expect(first[0]!.text).toMatch(/^Trước khi bắt đầu/);
    // The crash: the person row exists, the answer was never committed. Telegram re-sends.
    const again = await runtime.engine.handle(inbound, TELEGRAM_CAPABILITIES);
    expect(again[0]!.text).toMatch(/^Trước khi bắt đầu/);
    await runtime.store.turns.commit({ channel: 'telegram', updateId: '1', externalId: '8200001', replies: again }, new Date());
    const later = await runtime.engine.handle({ ...inbound, event: textEvent('menu') }, TELEGRAM_CAPABILITIES);
    expect(later[0]!.text).not.toMatch(/^Trước khi bắt đầu/);
    await runtime.store.close();
  });
});
