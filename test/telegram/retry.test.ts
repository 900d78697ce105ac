// Telegram's flood control: a "429 Too Many Requests" is waited out, not dropped. A small
// local stand-in for the Bot API answers the first send with 429 and retry_after.
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { openStore } from '../../src/store/index.js';
import { BOT_INFO, CHAT_ID, TOKEN, memoryLogger, scriptedEngine } from './harness.js';

let api: FastifyInstance | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('Telegram rate limits', () => {
  it('waits retry_after seconds and then delivers the message', async () => {
    const attempts: number[] = [];
    api = Fastify();
    api.post(`/bot${TOKEN}/sendMessage`, async (_req, reply) => {
      attempts.push(Date.now());
      if (attempts.length === 1)
        return reply
          .code(429)
          .send({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      return {
        ok: true,
        result: { message_id: 1, date: 0, chat: { id: CHAT_ID, type: 'private', first_name: 'An' }, text: 'x' },
      };
    });
    const root = await api.listen({ port: 0, host: '127.0.0.1' });

    const channel = createTelegramChannel({
      token: TOKEN,
      apiRoot: root,
      engine: scriptedEngine(),
      turns: openStore(':memory:').turns,
      logger: memoryLogger().logger,
      botInfo: BOT_INFO,
    });
    await channel.send(String(CHAT_ID), [{ text: 'Nhắc hạn báo cáo tuần' }]);

    expect(attempts).toHaveLength(2);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900);
  });
});
