// Polling mode for a local trial, against a small local stand-in for the Bot API.
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Update } from 'grammy/types';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { BOT_INFO, CHAT_ID, TOKEN, memoryLogger, scriptedEngine, textUpdate } from './harness.js';
import { openTestStore } from '../support/testStore.js';

let api: FastifyInstance | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** A Bot API that hands out `pending` once and records what the bot sends. */
async function fakeBotApi(pending: Update[], getMe?: () => object) {
  const sent: Record<string, unknown>[] = [];
  const fetchedWith: Record<string, unknown>[] = [];
  api = Fastify();
  api.post(`/bot${TOKEN}/getMe`, async (_req, reply) => (getMe ? reply.code(401).send(getMe()) : { ok: true, result: BOT_INFO }));
  api.post(`/bot${TOKEN}/deleteWebhook`, async () => ({ ok: true, result: true }));
  api.post(`/bot${TOKEN}/getUpdates`, async (req) => {
    fetchedWith.push(req.body as Record<string, unknown>);
    const result = pending.splice(0);
    if (result.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    return { ok: true, result };
  });
  api.post(`/bot${TOKEN}/sendMessage`, async (req) => {
    sent.push(req.body as Record<string, unknown>);
    return { ok: true, result: { message_id: sent.length, date: 0, chat: { id: CHAT_ID, type: 'private' }, text: 'x' } };
  });
  const root = await api.listen({ port: 0, host: '127.0.0.1' });
  return { root, sent, fetchedWith };
}

async function channelOn(root: string, withBotInfo = true) {
  const log = memoryLogger();
  const engine = scriptedEngine();
  const channel = createTelegramChannel({
    token: TOKEN,
    apiRoot: root,
    engine,
    turns: (await openTestStore()).turns,
    logger: log.logger,
    ...(withBotInfo ? { botInfo: BOT_INFO } : {}),
  });
  return { channel, engine, log };
}

describe('Telegram polling', () => {
  it('fetches only the updates it serves, answers them, and stops cleanly', async () => {
    const { root, sent, fetchedWith } = await fakeBotApi([textUpdate('/start')]);
    const { channel, engine } = await channelOn(root);
    await channel.startPolling();
    await expect.poll(() => sent.length, { timeout: 5_000 }).toBe(1);
    await channel.stop();

    expect(engine.seen.map((s) => s.inbound.event)).toEqual([{ kind: 'start' }]);
    expect(sent[0]).toMatchObject({ chat_id: CHAT_ID, text: 'got start' });
    expect(fetchedWith[0]?.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it('fails to start with a clear error, without the token in it or in the logs, when Telegram refuses the token', async () => {
    const { root } = await fakeBotApi([], () => ({ ok: false, error_code: 401, description: 'Unauthorized' }));
    const { channel, log } = await channelOn(root, false);
    const failure = await channel.startPolling().then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/Unauthorized/);
    expect(failure?.message).not.toContain(TOKEN);
    expect(log.text()).not.toContain(TOKEN);
    await channel.stop();
  });

  it('ignores a polled update whose fields have the wrong types, with one warning, and goes on', async () => {
    const malformed = {
      update_id: 7001,
      message: { message_id: 1, date: 0, chat: { id: CHAT_ID, type: 'private' }, text: ['không', 'phải', 'chuỗi'] },
    };
    const { root, sent } = await fakeBotApi([malformed as unknown as Update, textUpdate('/start')]);
    const { channel, engine, log } = await channelOn(root);
    await channel.startPolling();
    await expect.poll(() => sent.length, { timeout: 5_000 }).toBe(1);
    await channel.stop();

    expect(engine.seen.map((s) => s.inbound.event)).toEqual([{ kind: 'start' }]);
    const warnings = log.lines.filter((l) => l.level === 'warn' && /wrongly typed/.test(l.msg ?? ''));
    expect(warnings).toHaveLength(1);
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(0);
    expect(log.text()).not.toContain('phải');
  });
});
