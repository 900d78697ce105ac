// Telegram's flood control: a "429 Too Many Requests" is waited out, not dropped. A reply to
// a person's message waits retry_after and goes again at once; a message the outbox sends
// goes back to the outbox worker, whose pacer holds the whole channel for retry_after. A
// small local stand-in for the Bot API answers with 429 and retry_after.
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { telegramOutbound } from '../../src/channels/telegram/outbound.js';
import { systemClock } from '../../src/jobs/clock.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { BOT_INFO, CHAT_ID, TOKEN, memoryLogger, scriptedEngine, textUpdate } from './harness.js';
import { openTestStore } from '../support/testStore.js';

let api: FastifyInstance | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

interface SendAttempt {
  chat: string;
  text: string;
  at: number;
  accepted: boolean;
}

/**
 * A Bot API that refuses the first message with 429 and retry_after 1, and, as Telegram does,
 * every message that comes before that second has passed; it accepts the rest.
 */
async function floodControlledBotApi(): Promise<{ root: string; attempts: SendAttempt[] }> {
  const attempts: SendAttempt[] = [];
  let waitUntil = 0;
  api = Fastify();
  api.post(`/bot${TOKEN}/sendMessage`, async (req, reply) => {
    const body = req.body as { chat_id: number; text: string };
    const at = Date.now();
    const refused = attempts.length === 0 || at < waitUntil;
    attempts.push({ chat: String(body.chat_id), text: body.text, at, accepted: !refused });
    if (refused) {
      if (attempts.length === 1) waitUntil = at + 1000;
      return reply
        .code(429)
        .send({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    }
    return {
      ok: true,
      result: { message_id: attempts.length, date: 0, chat: { id: body.chat_id, type: 'private' }, text: body.text },
    };
  });
  return { root: await api.listen({ port: 0, host: '127.0.0.1' }), attempts };
}

describe('Telegram rate limits', () => {
  it('a reply to a person’s message waits retry_after seconds and then goes', async () => {
    const { root, attempts } = await floodControlledBotApi();
    const store = await openTestStore();
    const channel = createTelegramChannel({
      token: TOKEN,
      apiRoot: root,
      engine: scriptedEngine(),
      turns: store.turns,
      logger: memoryLogger().logger,
      botInfo: BOT_INFO,
    });
    await channel.bot.handleUpdate(textUpdate('xin chào'));
    await store.close();

    expect(attempts.map((a) => [a.chat, a.text, a.accepted])).toEqual([
      [String(CHAT_ID), 'got text', false],
      [String(CHAT_ID), 'got text', true],
    ]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('an outbox message refused with 429 holds the whole channel for retry_after, then goes once', async () => {
    const { root, attempts } = await floodControlledBotApi();
    const store = await openTestStore();
    const log = memoryLogger();
    const channel = createTelegramChannel({
      token: TOKEN,
      apiRoot: root,
      engine: scriptedEngine(),
      turns: store.turns,
      logger: log.logger,
      botInfo: BOT_INFO,
    });
    const chats = ['5101', '5102', '5103', '5104'];
    for (const chat of chats)
      await store.outbox.enqueue({
        idempotencyKey: `nhac:${chat}`,
        channel: 'telegram',
        externalId: chat,
        purpose: 'reminder',
        replies: [{ text: `nhắc ${chat}` }],
        notBefore: new Date(),
      });
    const worker = new OutboxWorker({
      outbox: store.outbox,
      channels: [telegramOutbound(channel)],
      clock: systemClock,
      logger: log.logger,
      idleMs: 50,
    });
    worker.start();
    await expect.poll(async () => (await store.outbox.counts()).sent, { timeout: 10_000, interval: 50 }).toBe(chats.length);
    await worker.stop();
    await store.close();

    // Nothing was asked of Telegram while it said to wait: only the first message was refused.
    expect(attempts.filter((a) => !a.accepted)).toHaveLength(1);
    // Each message arrived once.
    expect(
      attempts
        .filter((a) => a.accepted)
        .map((a) => a.chat)
        .sort(),
    ).toEqual(chats);
    expect(log.text()).toContain('channel asked to slow down');
  });
});
