// The Zalo OA webhook under generated requests: bodies signed correctly with Zalo's MAC
// (fresh, stale, for another app, any event and any fields), and bodies with random
// signatures. Only 200, 400, 401, 403 or 413 ever come back; a wrong MAC is never read.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { Texts } from '../../../src/i18n/index.js';
import type { Store } from '../../../src/store/index.js';
import { createZaloOaChannel, parseZaloConfig, type ZaloChannel } from '../../../src/channels/zalo/channel.js';
import { OaEnvelope } from '../../../src/channels/zalo/oa/events.js';
import { OaTokenRepository } from '../../../src/channels/zalo/oa/tokenRepository.js';
import { APP_ID, APP_SECRET, OA_SECRET, startFakeZalo, type FakeZalo } from '../../zalo/support/fakeZalo.js';
import { memoryLogger, scriptedEngine, type ScriptedEngine } from '../../zalo/support/doubles.js';
import { mac } from '../../zalo/support/oaEvents.js';
import { fuzzRuns, fuzzTimeout } from '../support/fuzzRuns.js';
import { openTestStore } from '../../support/testStore.js';

const PATH = '/zalo/webhook';
let zalo: FakeZalo;
let store: Store;
let engine: ScriptedEngine;
let channel: ZaloChannel;
let app: FastifyInstance;

async function wire(pressure: Parameters<typeof buildApp>[0]['pressure']) {
  const config = parseZaloConfig({
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_API_ROOT: zalo.url,
    ZALO_OAUTH_ROOT: zalo.url,
  }).oa!;
  const oa = await createZaloOaChannel({
    config,
    engine,
    store,
    texts: Texts.load('vi'),
    reachability: store.outbox,
    logger: memoryLogger().logger,
    rateLimitDelaysMs: [1, 1],
    tokenCheckEveryMs: 0,
  });
  return { oa, app: buildApp({ store, version: 'fuzz', channels: [oa], bodyLimit: 16 * 1024, pressure }) };
}

beforeAll(async () => {
  zalo = await startFakeZalo();
  store = await openTestStore();
  engine = scriptedEngine();
  await new OaTokenRepository(store).save(APP_ID, { ...zalo.current, expiresAt: new Date(Date.now() + 86_400_000) }, new Date());
  // The fuzzer keeps the event loop busy on purpose: overload is tested on its own below.
  ({ oa: channel, app } = await wire({ maxEventLoopDelayMs: 60_000 }));
  await app.ready();
});
afterAll(async () => {
  await channel?.stop();
  await app?.close();
  await zalo?.close();
  await store?.close();
});

const seenCount = () => engine.seen.length;

/** Any event Zalo might send, and some it never would: real names, odd ids, extra fields. */
const event = fc.record(
  {
    app_id: fc.oneof(
      { arbitrary: fc.constant(APP_ID), weight: 5 },
      fc.constant(Number(APP_ID)),
      fc.string({ maxLength: 10 }),
      fc.constant(null),
    ),
    user_id_by_app: fc.string({ maxLength: 20 }),
    event_name: fc.oneof(
      fc.constantFrom(
        'user_send_text',
        'user_send_image',
        'user_send_file',
        'follow',
        'unfollow',
        'oa_send_text',
        'user_received_message',
        'user_send_sticker',
      ),
      fc.string({ maxLength: 12 }),
    ),
    sender: fc.record(
      { id: fc.oneof(fc.stringMatching(/^\d{1,20}$/), fc.nat(), fc.string({ maxLength: 5 })) },
      { requiredKeys: [] },
    ),
    follower: fc.record({ id: fc.stringMatching(/^\d{1,20}$/) }),
    recipient: fc.record({ id: fc.string({ maxLength: 20 }) }),
    message: fc.record(
      {
        msg_id: fc.string({ maxLength: 12 }),
        text: fc.oneof(fc.string({ maxLength: 120 }), fc.constant('')),
        attachments: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['app_id', 'event_name'] },
);
/** Fresh, within the accepted age, stale, in the future, or not a time at all. */
const timestamp = fc.oneof(
  { arbitrary: fc.integer({ min: -60_000, max: 60_000 }).map((d) => String(Date.now() + d)), weight: 4 },
  fc.integer({ min: 601_000, max: 10 ** 9 }).map((d) => String(Date.now() - d)),
  fc.integer({ min: 601_000, max: 10 ** 9 }).map((d) => String(Date.now() + d)),
  fc.string({ maxLength: 8 }),
  fc.constant(Date.now()),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/octet-stream',
  'application/json; charset=utf-8',
  '',
);
const OK_STATUSES = [200, 400, 401, 403, 413];

describe('Zalo OA webhook under generated requests', () => {
  it(
    'signed bodies: never 5xx, and the status says what happened',
    async () => {
      await fc.assert(
        fc.asyncProperty(event, timestamp, fc.boolean(), contentType, async (fields, at, prefix, type) => {
          const raw = JSON.stringify({ ...fields, timestamp: at });
          const hex = mac(raw, String(at));
          const res = await app.inject({
            method: 'POST',
            url: PATH,
            headers: { ...(type ? { 'content-type': type } : {}), 'x-zevent-signature': prefix ? `mac=${hex}` : hex },
            payload: raw,
          });
          await channel.drain();
          expect(OK_STATUSES).toContain(res.statusCode);
          const fresh = Math.abs(Date.now() - Number(at)) < 590_000;
          // An event of this app, signed and fresh, is answered 200 (taken, or warned about when
          // its other fields are wrongly typed); stale, it is a replay; else not ours.
          const ours = OaEnvelope.safeParse(JSON.parse(raw)).data?.app_id === APP_ID;
          expect(res.statusCode).toBe(!ours ? 401 : fresh ? 200 : 403);
        }),
        { numRuns: fuzzRuns(500) },
      );
    },
    fuzzTimeout(60_000),
  );

  it(
    'random signatures and bytes: always 401, and nothing reaches the bot',
    async () => {
      const signature = fc.oneof(
        fc.constant(undefined),
        fc.string({ maxLength: 80 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.stringMatching(/^mac=[0-9a-fA-F]{64}$/),
      );
      const body = fc.oneof(
        fc.tuple(event, timestamp).map(([fields, at]) => JSON.stringify({ ...fields, timestamp: at })),
        fc.string({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      );
      await fc.assert(
        fc.asyncProperty(body, signature, contentType, async (raw, sig, type) => {
          const before = seenCount();
          const res = await app.inject({
            method: 'POST',
            url: PATH,
            headers: { ...(type ? { 'content-type': type } : {}), ...(sig === undefined ? {} : { 'x-zevent-signature': sig }) },
            payload: raw,
          });
          await channel.drain();
          expect(res.statusCode).toBe(401);
          expect(seenCount()).toBe(before);
        }),
        { numRuns: fuzzRuns(500) },
      );
    },
    fuzzTimeout(60_000),
  );

  it('a body over the size limit is refused with 413 before any work', async () => {
    const raw = JSON.stringify({
      app_id: APP_ID,
      event_name: 'user_send_text',
      timestamp: String(Date.now()),
      sender: { id: '1' },
      message: { msg_id: 'big', text: 'x'.repeat(17 * 1024) },
    });
    const before = seenCount();
    const res = await app.inject({
      method: 'POST',
      url: PATH,
      headers: {
        'content-type': 'application/json',
        'x-zevent-signature': mac(raw, (JSON.parse(raw) as { timestamp: string }).timestamp),
      },
      payload: raw,
    });
    expect(res.statusCode).toBe(413);
    expect(seenCount()).toBe(before);
  });
});

describe('Zalo OA webhook under overload', () => {
  it('answers 503 with Retry-After while the event loop is stalled', async () => {
    const stalled = await wire({ maxEventLoopDelayMs: 50, sampleIntervalMs: 100 });
    await stalled.app.ready();
    try {
      const until = Date.now() + 300;
      while (Date.now() < until); // a stalled event loop, as under a flood
      await new Promise((r) => setTimeout(r, 5));
      const raw = JSON.stringify({
        app_id: APP_ID,
        event_name: 'user_send_text',
        timestamp: String(Date.now()),
        sender: { id: '1' },
        message: { msg_id: 'm', text: 'a' },
      });
      const res = await stalled.app.inject({
        method: 'POST',
        url: PATH,
        headers: {
          'content-type': 'application/json',
          'x-zevent-signature': mac(raw, (JSON.parse(raw) as { timestamp: string }).timestamp),
        },
        payload: raw,
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
    } finally {
      await stalled.oa.stop();
      await stalled.app.close();
    }
  });
});
