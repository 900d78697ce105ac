// The Telegram webhook under generated requests carrying the right secret: any JSON, any
// update-like shape, any headers. It never answers 5xx, and a body it refuses leaves no
// trace in the store; what a verified update does leave is well-formed.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { createTelegramChannel } from '../../../src/channels/telegram/channel.js';
import { loadConfig } from '../../../src/config.js';
import { createRuntime, type Runtime } from '../../../src/runtime.js';
import { BOT_INFO, SECRET, TOKEN, harness } from '../../telegram/harness.js';
import { fuzzRuns, fuzzTimeout } from '../support/fuzzRuns.js';
import { openTestStore } from '../../support/testStore.js';

const PATH = '/telegram/webhook';
let runtime: Runtime;
let app: FastifyInstance;
let apiCalls = 0;

beforeAll(async () => {
  runtime = await createRuntime(loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }), {
    store: await openTestStore(),
    floodLimits: { points: 100_000, windowSeconds: 1 },
  });
  const channel = createTelegramChannel({
    token: TOKEN,
    apiRoot: 'http://127.0.0.1:9',
    webhookSecret: SECRET,
    engine: runtime.engine,
    turns: runtime.store.turns,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    botInfo: BOT_INFO,
    webhookBodyLimit: 8 * 1024,
  });
  // Bot API calls answered in-process, as Telegram would accept them.
  channel.bot.api.config.use(async (_prev, method) => {
    apiCalls++;
    const result =
      method === 'answerCallbackQuery'
        ? true
        : { message_id: apiCalls, date: 0, chat: { id: 1, type: 'private', first_name: 'A' } };
    return { ok: true, result } as never;
  });
  // The fuzzer keeps the event loop busy on purpose: overload protection is tested below.
  app = buildApp({ store: runtime.store, version: 'fuzz', channels: [channel], pressure: { maxEventLoopDelayMs: 60_000 } });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await runtime?.store.close();
});

const TABLES = ['processed_update', 'person', 'channel_identity', 'conversation'] as const;
const count = async (table: (typeof TABLES)[number]) =>
  (
    await runtime.store.sql
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const traces = () => Promise.all(TABLES.map(count));

/** What Telegram itself would never send: checked after every request. */
async function expectWellFormedStore() {
  const ids = await runtime.store.sql
    .selectFrom('processed_update')
    .select('update_id')
    .where('channel', '=', 'telegram')
    .execute();
  for (const { update_id } of ids) expect(update_id).toMatch(/^\d+$/);
  const identities = await runtime.store.sql
    .selectFrom('channel_identity')
    .select('external_id')
    .where('channel', '=', 'telegram')
    .execute();
  for (const { external_id } of identities) expect(external_id, 'a chat id is an integer').toMatch(/^-?\d+$/);
}

// Text a person could send: commands, numbers, long and odd strings.
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    '/start',
    '/menu',
    '/tiendo',
    '/baocao',
    '/hotro',
    '/xoadulieu',
    '/lang en',
    '/start tiendo-BT',
    '079095001234',
  ),
);
const user = fc.record(
  {
    id: fc.integer({ min: 1, max: 2 ** 40 }),
    is_bot: fc.boolean(),
    first_name: fc.string({ maxLength: 10 }),
    language_code: fc.constantFrom('vi', 'en', 'fr', ''),
  },
  { requiredKeys: ['id', 'is_bot', 'first_name'] },
);
const chat = fc.record({
  id: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  type: fc.constantFrom('private', 'group', 'supergroup', 'channel'),
});
const message = fc.record(
  {
    message_id: fc.nat(),
    date: fc.nat(),
    chat,
    from: user,
    text,
    photo: fc.constant([{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }]),
    sticker: fc.constant({ file_id: 's' }),
  },
  { requiredKeys: ['message_id', 'date', 'chat'] },
);
const callback = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 8 }),
    from: user,
    chat_instance: fc.string({ maxLength: 4 }),
    data: fc.oneof(fc.string({ maxLength: 64 }), fc.constantFrom('nav|menu', 'f|baocao|summary|submit', 'o|0', '/tiendo BT')),
    message: fc.record({ message_id: fc.nat(), date: fc.nat(), chat }),
  },
  { requiredKeys: ['id', 'from', 'chat_instance'] },
);
/** Update-shaped bodies: right and wrong ids, real shapes with parts missing, and junk fields. */
const updateLike = fc.record(
  {
    update_id: fc.oneof(fc.nat(2 ** 31), fc.integer(), fc.double(), fc.string({ maxLength: 6 }), fc.constant(null)),
    message,
    callback_query: callback,
    edited_message: message,
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['update_id'] },
);
/** Shapes a validator might not expect where an object should be. */
const wrongTypes = fc.record({
  update_id: fc.nat(2 ** 31),
  message: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.record({ chat: fc.jsonValue({ maxDepth: 1 }), text: fc.jsonValue({ maxDepth: 1 }) }),
  ),
});
const body = fc.oneof(
  { arbitrary: updateLike.map((u) => JSON.stringify(u)), weight: 4 },
  { arbitrary: wrongTypes.map((u) => JSON.stringify(u)), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'), weight: 2 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  {
    arbitrary: fc
      .string({ minLength: 8 * 1024, maxLength: 9 * 1024 })
      .map((s) => JSON.stringify({ update_id: 1, message: { text: s } })),
    weight: 1,
  },
);
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'APPLICATION/JSON',
      '',
    ),
    'x-forwarded-for': fc.ipV4(),
    'user-agent': fc.string({ maxLength: 20 }),
    'content-encoding': fc.constantFrom('gzip', 'identity', 'br'),
  },
  { requiredKeys: ['content-type'] },
);

describe('Telegram webhook under generated requests', () => {
  it(
    'never answers 5xx; refused bodies leave nothing behind',
    async () => {
      await fc.assert(
        fc.asyncProperty(body, headers, async (payload, extra) => {
          const before = await traces();
          const res = await app.inject({
            method: 'POST',
            url: PATH,
            headers: { ...extra, 'x-telegram-bot-api-secret-token': SECRET },
            payload,
          });
          expect([200, 400, 413, 415]).toContain(res.statusCode);
          if (res.statusCode !== 200) expect(await traces()).toEqual(before);
          await expectWellFormedStore();
        }),
        { numRuns: fuzzRuns(600) },
      );
    },
    fuzzTimeout(60_000),
  );

  it(
    'answers every request without the right secret 401, and reads nothing',
    async () => {
      const wrongSecret = fc.oneof(
        fc.constant(undefined),
        fc.string({ maxLength: 80 }),
        fc.constantFrom(`${SECRET} `, SECRET.toUpperCase(), SECRET.slice(1)),
      );
      await fc.assert(
        fc.asyncProperty(body, headers, wrongSecret, async (payload, extra, secret) => {
          const before = await traces();
          const calls = apiCalls;
          const res = await app.inject({
            method: 'POST',
            url: PATH,
            headers: { ...extra, ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
            payload,
          });
          expect(res.statusCode).toBe(401);
          expect(await traces()).toEqual(before);
          expect(apiCalls).toBe(calls);
        }),
        { numRuns: fuzzRuns(300) },
      );
    },
    fuzzTimeout(60_000),
  );
});

describe('Telegram webhook and what it stores', () => {
  it('stores no person for an update whose chat id is not an integer', async () => {
    const notAnInteger = fc.oneof(
      fc.double({ noInteger: true }),
      fc.string({ minLength: 1, maxLength: 6 }),
      fc.constant({}),
      fc.constant([1]),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(2 ** 31), notAnInteger, async (updateId, id) => {
        const payload = JSON.stringify({
          update_id: updateId,
          message: { message_id: 1, date: 0, chat: { id, type: 'private' }, text: 'xin chào' },
        });
        await app.inject({
          method: 'POST',
          url: PATH,
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          payload,
        });
        await expectWellFormedStore();
      }),
      { numRuns: fuzzRuns(50), examples: [[7, 'abc']] },
    );
  });
});

describe('Telegram webhook under overload', () => {
  it('answers 503 with Retry-After while the event loop is stalled', async () => {
    const h = await harness();
    const stalled = buildApp({
      store: h.store,
      version: '0',
      channels: [h.channel],
      pressure: { maxEventLoopDelayMs: 50, sampleIntervalMs: 100 },
    });
    await stalled.ready();
    try {
      const until = Date.now() + 300;
      while (Date.now() < until); // a stalled event loop, as under a flood
      await new Promise((r) => setTimeout(r, 5));
      const res = await stalled.inject({
        method: 'POST',
        url: PATH,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        payload: '{"update_id":1}',
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
    } finally {
      await stalled.close();
      await h.store.close();
    }
  });
});
