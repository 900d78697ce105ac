// A stand-in for the Telegram Bot API and Zalo's OA API on 127.0.0.1 that answers every
// call at once with a plausible success, and counts what it was asked. Runs in its own
// process during the ingest benchmark so its work is not charged to the bot.
import Fastify from 'fastify';

export interface StubCounts {
  [method: string]: number;
}

export async function startApiStub(): Promise<{ port: number; counts: StubCounts; close(): Promise<void> }> {
  const app = Fastify({ logger: false, keepAliveTimeout: 60_000 });
  const counts: StubCounts = {};
  const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
  // Uploads and multipart sends: the bytes are not looked at.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  let messageId = 0;
  app.post('/:bot/:method', async (request) => {
    const { method } = request.params as { method: string };
    count(`telegram.${method}`);
    if (method === 'answerCallbackQuery' || method === 'setWebhook') return { ok: true, result: true };
    const chatId = Number((request.body as { chat_id?: unknown } | undefined)?.chat_id ?? 1);
    return {
      ok: true,
      result: { message_id: ++messageId, date: 1_700_000_000, chat: { id: chatId, type: 'private', first_name: 'A' } },
    };
  });
  app.post('/v3.0/oa/message/cs', async () => {
    count('zalo.cs');
    return { error: 0, message: 'Success', data: { message_id: `m${++messageId}`, user_id: '1' } };
  });
  app.post('/v2.0/oa/upload/:kind', async (request) => {
    count(`zalo.upload.${(request.params as { kind: string }).kind}`);
    return { error: 0, message: 'Success', data: { attachment_id: `a${++messageId}`, token: `f${messageId}` } };
  });
  app.post('/v4/oa/access_token', async () => {
    count('zalo.refresh');
    return { access_token: 'AT-bench', refresh_token: 'RT-bench', expires_in: '90000' };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { port, counts, close: () => app.close() };
}
