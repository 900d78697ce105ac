// A verified update whose fields have the wrong types is answered 200 (or Telegram would
// resend it forever), logged once as a warning naming the bad field but never its content,
// and not handled; the server goes on serving.
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { SECRET, callbackUpdate, freshUpdateId, harness, textUpdate } from './harness.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const SECRET_WORDS = 'bí mật 079095001234';
const privateChat = { id: 4242, type: 'private', first_name: 'An' };
const person = { id: 4242, is_bot: false, first_name: 'An', language_code: 'vi' };
const message = (fields: Record<string, unknown>) => ({
  update_id: freshUpdateId(),
  message: { message_id: 1, date: 0, chat: privateChat, from: person, ...fields },
});

const MALFORMED: [string, object, string][] = [
  ['text as an array', message({ text: [SECRET_WORDS, 'x'] }), 'message.text'],
  ['text as an object', message({ text: { secret: SECRET_WORDS } }), 'message.text'],
  ['the chat id as a string', message({ chat: { id: '4242', type: 'private' }, text: SECRET_WORDS }), 'message.chat.id'],
  ['no chat at all', { update_id: freshUpdateId(), message: { message_id: 1, date: 0, text: SECRET_WORDS } }, 'message.chat'],
  [
    'the language as a number',
    message({ from: { ...person, language_code: 7 }, text: SECRET_WORDS }),
    'message.from.language_code',
  ],
  [
    'button data as an object',
    { ...callbackUpdate('x'), callback_query: { ...callbackUpdate('x').callback_query, data: { secret: SECRET_WORDS } } },
    'callback_query.data',
  ],
  [
    'a button without its id',
    { ...callbackUpdate('x'), callback_query: { ...callbackUpdate('x').callback_query, id: 12 } },
    'callback_query.id',
  ],
  ['a message that is a string', { update_id: freshUpdateId(), message: SECRET_WORDS }, 'message'],
];

describe('Telegram webhook and wrongly typed updates', () => {
  it.each(MALFORMED)('%s: 200, one warning naming the field, nothing handled', async (_name, body, field) => {
    const h = await harness();
    app = Fastify();
    h.channel.registerWebhook(app);
    await app.ready();
    const post = (payload: object) =>
      app!.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': SECRET }, payload });

    expect((await post(body)).statusCode).toBe(200);
    const warnings = h.log.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toContain(field);
    expect(h.log.text()).not.toContain('079095001234');
    expect(h.log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(h.engine.seen).toEqual([]);
    expect(h.calls).toEqual([]);

    // The server keeps serving.
    expect((await post(textUpdate('xin chào'))).statusCode).toBe(200);
    expect(h.engine.seen).toHaveLength(1);
  });
});
