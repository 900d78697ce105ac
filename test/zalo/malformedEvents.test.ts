// A verified Zalo event (signed OA event, or Bot Platform update with our secret) whose
// fields have the wrong types is answered 200 so Zalo does not resend it, logged once as a
// warning naming the bad field (never its content), and not handled.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { Texts } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../support/testStore.js';
import { createZaloBotChannel, parseZaloConfig, type ZaloChannel } from '../../src/channels/zalo/channel.js';
import { oaHarness, type OaHarness } from './support/oaHarness.js';
import { eventRaw, freshMsgId, OA, signedHeaders, textEventRaw, USER } from './support/oaEvents.js';
import { BOT_TOKEN, startFakeZalo, type FakeZalo } from './support/fakeZalo.js';
import { memoryLogger, scriptedEngine } from './support/doubles.js';

const SECRET_WORDS = 'bí mật 079095001234';
const warnings = (log: ReturnType<typeof memoryLogger>) => log.lines.filter((l) => l.level === 'warn');

describe('Zalo OA webhook and wrongly typed events', () => {
  let h: OaHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const textEvent = (message: unknown, sender: unknown = { id: USER }) =>
    eventRaw({ event_name: 'user_send_text', sender, recipient: { id: OA }, message });

  it.each([
    ['text as an array', () => textEvent({ msg_id: freshMsgId(), text: [SECRET_WORDS] }), 'message.text'],
    ['text as an object', () => textEvent({ msg_id: freshMsgId(), text: { t: SECRET_WORDS } }), 'message.text'],
    ['text as a number', () => textEvent({ msg_id: freshMsgId(), text: 79095001234 }), 'message.text'],
    [
      'the sender id as an object',
      () => textEvent({ msg_id: freshMsgId(), text: SECRET_WORDS }, { id: { x: SECRET_WORDS } }),
      'sender.id',
    ],
    ['the message as a string', () => textEvent(SECRET_WORDS), 'message'],
    [
      'the event name as a number',
      () => eventRaw({ event_name: 7, sender: { id: USER }, message: { msg_id: freshMsgId(), text: SECRET_WORDS } }),
      'event_name',
    ],
  ])('%s: 200, one warning naming the field, nothing handled', async (_name, raw, field) => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine });
    const body = raw();
    expect((await h.post(body, signedHeaders(body))).statusCode).toBe(200);
    expect(warnings(h.log)).toHaveLength(1);
    expect(JSON.stringify(warnings(h.log)[0])).toContain(field);
    expect(h.log.text()).not.toContain('079095001234');
    expect(h.log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(engine.seen).toEqual([]);
    expect(h.zalo.csCalls).toEqual([]);

    const good = textEventRaw('Xin chào');
    expect((await h.post(good, signedHeaders(good))).statusCode).toBe(200);
    expect(engine.seen).toHaveLength(1);
  });

  it('still refuses a wrongly typed body that is not signed', async () => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine });
    const body = textEvent({ msg_id: freshMsgId(), text: [SECRET_WORDS] });
    expect(
      (await h.post(body, { 'content-type': 'application/json', 'x-zevent-signature': `mac=${'0'.repeat(64)}` })).statusCode,
    ).toBe(401);
    expect(engine.seen).toEqual([]);
  });
});

describe('Zalo Bot Platform webhook and wrongly typed updates', () => {
  const SECRET = 'bot_secret_0123456789';
  const CHAT = '6ede9afa66b88fe6d6a9';
  let setup: { app: FastifyInstance; channel: ZaloChannel; zalo: FakeZalo; store: Store } | undefined;
  afterEach(async () => {
    if (!setup) return;
    await setup.channel.stop();
    await setup.app.close();
    await setup.zalo.close();
    await setup.store.close();
    setup = undefined;
  });

  const update = (message: Record<string, unknown>, event: unknown = 'message.text.received') => ({
    event_name: event,
    message: {
      from: { id: CHAT, is_bot: false },
      chat: { id: CHAT, chat_type: 'PRIVATE' },
      message_id: freshMsgId(),
      date: 1750316131602,
      ...message,
    },
  });

  it.each([
    ['text as an array', update({ text: [SECRET_WORDS] }), 'message.text'],
    ['text as an object', update({ text: { t: SECRET_WORDS } }), 'message.text'],
    ['the chat id as an object', update({ chat: { id: { x: 1 }, chat_type: 'PRIVATE' }, text: SECRET_WORDS }), 'message.chat.id'],
    ['the message as a number', { event_name: 'message.text.received', message: 79095001234 }, 'message'],
    ['the event name as a number', update({ text: SECRET_WORDS }, 5), 'event_name'],
    ['wrapped in {ok, result}', { ok: true, result: update({ text: [SECRET_WORDS] }) }, 'message.text'],
  ])('%s: 200, one warning naming the field, nothing handled', async (_name, body, field) => {
    const zalo = await startFakeZalo();
    const store = await openTestStore();
    const log = memoryLogger();
    const engine = scriptedEngine();
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
    setup = { app, channel, zalo, store };
    const post = async (payload: object) => {
      const response = await app.inject({
        method: 'POST',
        url: '/zalo/bot/webhook',
        headers: { 'x-bot-api-secret-token': SECRET },
        payload,
      });
      await channel.drain();
      return response.statusCode;
    };

    expect(await post(body)).toBe(200);
    expect(warnings(log)).toHaveLength(1);
    expect(JSON.stringify(warnings(log)[0])).toContain(field);
    expect(log.text()).not.toContain('079095001234');
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(engine.seen).toEqual([]);
    expect(zalo.botMessages).toEqual([]);

    expect(await post(update({ text: 'Xin chào' }))).toBe(200);
    expect(engine.seen).toHaveLength(1);
  });
});
