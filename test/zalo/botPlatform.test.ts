// The Zalo Bot Platform adapter: only requests carrying our secret token are read, both
// update shapes Zalo is reported to send are understood, choices are numbered text, and
// a redelivered update is answered once.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { Texts } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../support/testStore.js';
import { createZaloBotChannel, parseZaloConfig, type ZaloChannel } from '../../src/channels/zalo/channel.js';
import { BOT_TOKEN, startFakeZalo, type FakeZalo } from './support/fakeZalo.js';
import { memoryLogger, scriptedEngine, type ScriptedEngine } from './support/doubles.js';
import { freshMsgId } from './support/oaEvents.js';

const SECRET = 'bot_secret_0123456789';
const CHAT = '6ede9afa66b88fe6d6a9';

interface Setup {
  app: FastifyInstance;
  channel: ZaloChannel;
  engine: ScriptedEngine;
  zalo: FakeZalo;
  store: Store;
  log: ReturnType<typeof memoryLogger>;
}
let s: Setup | undefined;
afterEach(async () => {
  if (!s) return;
  await s.channel.stop();
  await s.app.close();
  await s.zalo.close();
  await s.store.close();
  s = undefined;
});

async function setUp(engine = scriptedEngine()): Promise<Setup> {
  const zalo = await startFakeZalo();
  const store = await openTestStore();
  const log = memoryLogger();
  const config = parseZaloConfig({ ZALO_BOT_TOKEN: BOT_TOKEN, ZALO_BOT_SECRET: SECRET, ZALO_BOT_API_ROOT: zalo.url }).bot!;
  const channel = createZaloBotChannel({
    config,
    engine,
    store,
    texts: Texts.load('vi'),
    logger: log.logger,
    rateLimitDelaysMs: [5],
  });
  const app = buildApp({ store, version: 'test', channels: [channel] });
  await app.ready();
  s = { app, channel, engine, zalo, store, log };
  return s;
}

function update(text: string, opts: { id?: string; chatType?: string; event?: string } = {}) {
  return {
    event_name: opts.event ?? 'message.text.received',
    message: {
      from: { id: CHAT, display_name: 'Ted', is_bot: false },
      chat: { id: CHAT, chat_type: opts.chatType ?? 'PRIVATE' },
      text,
      message_id: opts.id ?? freshMsgId(),
      date: 1750316131602,
    },
  };
}

async function post(setup: Setup, body: unknown, secret: string | null = SECRET) {
  const response = await setup.app.inject({
    method: 'POST',
    url: '/zalo/bot/webhook',
    headers: secret === null ? {} : { 'x-bot-api-secret-token': secret },
    payload: body as Record<string, unknown>,
  });
  await setup.channel.drain();
  return response.statusCode;
}

describe('Zalo Bot Platform', () => {
  it('refuses a request without our secret token, before reading it', async () => {
    const setup = await setUp();
    expect(await post(setup, update('Xin chào'), null)).toBe(401);
    expect(await post(setup, update('Xin chào'), 'wrong_secret_123')).toBe(401);
    expect(setup.engine.seen).toEqual([]);
    expect(setup.zalo.botMessages).toEqual([]);
  });

  it('understands the update wrapped in {ok, result} and bare', async () => {
    const setup = await setUp();
    expect(await post(setup, { ok: true, result: update('một') })).toBe(200);
    expect(await post(setup, update('hai'))).toBe(200);
    expect(setup.zalo.botMessages).toEqual([
      { chatId: CHAT, text: 'nhận: một' },
      { chatId: CHAT, text: 'nhận: hai' },
    ]);
  });

  it('answers a redelivered update once, and ignores group chats and stickers', async () => {
    const setup = await setUp();
    const same = update('Xin chào', { id: 'dup-1' });
    await post(setup, same);
    await post(setup, same);
    await post(setup, update('nhóm', { chatType: 'GROUP' }));
    await post(setup, update('', { event: 'message.sticker.received' }));
    expect(setup.zalo.botMessages.map((m) => m.text)).toEqual(['nhận: Xin chào']);
  });

  it('numbers the choices and takes the typed number as the choice', async () => {
    const engine = scriptedEngine((inbound) =>
      inbound.event.kind === 'choice'
        ? [{ text: `chọn: ${inbound.event.id}` }]
        : [
            {
              text: 'Bạn cần gì?',
              choices: [
                { id: 'f|menu|home|tk', label: 'Làm tài khoản' },
                { id: 'f|menu|home|hs', label: 'Nộp hồ sơ' },
              ],
            },
          ],
    );
    const setup = await setUp(engine);
    await post(setup, update('menu'));
    expect(setup.zalo.botMessages[0]!.text).toBe('Bạn cần gì?\n\n1. Làm tài khoản\n2. Nộp hồ sơ\n👉 Gõ số từ 1 đến 2 để chọn.');
    await post(setup, update('2'));
    expect(engine.seen.at(-1)!.inbound).toEqual({
      channel: 'zalo_bot',
      externalId: CHAT,
      event: { kind: 'choice', id: 'f|menu|home|hs' },
      answeredDurably: true,
      commit: expect.any(Function),
    });
    expect(engine.seen[0]!.capabilities).toMatchObject({ buttons: false, images: false, maxTextLength: 2000 });
  });

  it('waits out a quota refusal, and never logs the token', async () => {
    const setup = await setUp();
    setup.zalo.scriptBot(429);
    await post(setup, update('Xin chào'));
    expect(setup.zalo.botMessages.map((m) => m.text)).toEqual(['nhận: Xin chào']);
    setup.zalo.scriptBot(400);
    await expect(setup.channel.send(CHAT, [{ text: 'x' }])).rejects.toMatchObject({ code: 400 });
    expect(setup.log.text()).not.toContain(BOT_TOKEN);
    expect(setup.log.text()).not.toContain(SECRET);
  });
});
