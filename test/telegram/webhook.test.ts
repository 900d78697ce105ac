// The webhook as Telegram (and a stranger) would call it, through fastify's inject.
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { APOLOGY, SECRET, callbackUpdate, harness, scriptedEngine, textUpdate, type Harness } from './harness.js';

const PATH = '/telegram/webhook';
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function webhook(given?: Harness) {
  const h = given ?? (await harness());
  app = Fastify();
  h.channel.registerWebhook(app);
  await app.ready();
  return { h, app };
}

const post = (payload: unknown, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) =>
  app!.inject({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': 'application/json', ...headers },
    payload: payload as string,
  });

describe('Telegram webhook', () => {
  it('handles an update carrying the right secret and answers 200', async () => {
    const { h } = await webhook();
    const res = await post(textUpdate('/start'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(h.engine.seen.map((s) => s.inbound.event.kind)).toEqual(['start']);
    expect(h.sent('sendMessage')).toHaveLength(1);
  });

  it('refuses a request without the secret or with a wrong one, and handles nothing', async () => {
    const { h } = await webhook();
    expect((await post(textUpdate('a'), {})).statusCode).toBe(401);
    expect((await post(textUpdate('b'), { 'x-telegram-bot-api-secret-token': `${SECRET}x` })).statusCode).toBe(401);
    expect((await post(textUpdate('c'), { 'x-telegram-bot-api-secret-token': SECRET.slice(0, -1) })).statusCode).toBe(401);
    expect(h.engine.seen).toHaveLength(0);
    expect(h.calls).toHaveLength(0);
    // A refused update id is not spent: Telegram's real delivery still gets through.
    const update = textUpdate('d');
    await post(update, {});
    expect((await post(update)).statusCode).toBe(200);
    expect(h.engine.seen).toHaveLength(1);
  });

  it('refuses everything when no secret is configured', async () => {
    const { h } = await webhook(await harness(scriptedEngine(), { noSecret: true }));
    expect((await post(textUpdate('a'), {})).statusCode).toBe(401);
    expect((await post(textUpdate('b'), { 'x-telegram-bot-api-secret-token': '' })).statusCode).toBe(401);
    expect(h.engine.seen).toHaveLength(0);
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    const { h } = await webhook();
    const res = await post('{"update_id": 1, "message": ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ ok: false });
    expect((await post(textUpdate('vẫn chạy'))).statusCode).toBe(200);
    expect(h.engine.seen).toHaveLength(1);
  });

  it('answers a body that is not an update with 400', async () => {
    const { h } = await webhook();
    for (const body of [{ hello: 'world' }, { update_id: -1 }, { update_id: 1.5 }, { update_id: '7' }, [1, 2], 'null'])
      expect((await post(body)).statusCode, JSON.stringify(body)).toBe(400);
    expect(h.engine.seen).toHaveLength(0);
  });

  it('refuses a body that is not JSON', async () => {
    const { h } = await webhook();
    const res = await post('update_id=1', {
      'x-telegram-bot-api-secret-token': SECRET,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(415);
    expect(h.engine.seen).toHaveLength(0);
  });

  it('refuses a body over the size limit with 413', async () => {
    const { h } = await webhook(await harness(scriptedEngine(), { webhookBodyLimit: 2048 }));
    const res = await post(textUpdate('x'.repeat(4000)));
    expect(res.statusCode).toBe(413);
    expect(h.engine.seen).toHaveLength(0);
    expect((await post(textUpdate('ngắn'))).statusCode).toBe(200);
  });

  it('takes the size limit from the app it is mounted in (WEBHOOK_BODY_LIMIT)', async () => {
    const h = await harness();
    app = buildApp({ store: h.store, version: 'test', channels: [h.channel], bodyLimit: 2048 });
    await app.ready();
    expect((await post(textUpdate('x'.repeat(4000)))).statusCode).toBe(413);
    expect((await post(textUpdate('ngắn'))).statusCode).toBe(200);
    expect(h.engine.seen).toHaveLength(1);
  });

  it('handles a redelivered update (same update_id) once', async () => {
    const { h } = await webhook();
    const update = textUpdate('tôi muốn nộp hồ sơ');
    expect((await post(update)).statusCode).toBe(200);
    expect((await post(update)).statusCode).toBe(200);
    expect(h.engine.seen).toHaveLength(1);
    expect(h.sent('sendMessage')).toHaveLength(1);
  });

  it('still answers 200 when handling fails, after apologising to the person', async () => {
    const { h } = await webhook(
      await harness(
        scriptedEngine(() => {
          throw new Error('boom');
        }),
      ),
    );
    const res = await post(callbackUpdate('f|stale|step|x'));
    expect(res.statusCode).toBe(200);
    expect(h.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(h.sent('sendMessage')[0]?.text).toBe(APOLOGY.text);
  });

  it('answers 200 even when Telegram refuses the reply itself, and leaves the reply to the outbox', async () => {
    const { h } = await webhook(await harness(scriptedEngine(), { failing: ['sendMessage'] }));
    expect((await post(textUpdate('chào'))).statusCode).toBe(200);
    expect(h.log.lines.some((l) => l.level === 'warn' && /left to the outbox/.test(l.msg ?? ''))).toBe(true);
    expect((await h.store.outbox.counts()).pending).toBe(1);
  });

  it('ignores updates it does not serve, without error', async () => {
    const { h } = await webhook();
    const res = await post({ update_id: 99_999, edited_message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' } } });
    expect(res.statusCode).toBe(200);
    expect(h.engine.seen).toHaveLength(0);
    expect(h.log.lines.filter((l) => l.level === 'error')).toHaveLength(0);
  });
});
