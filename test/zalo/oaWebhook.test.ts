// The OA webhook: only Zalo's genuine, fresh, first delivery of a person's own event is
// answered; everything else is refused or ignored without a word sent.
import { afterEach, describe, expect, it } from 'vitest';
import { zaloEventMac, signatureMatches } from '../../src/channels/zalo/signature.js';
import { oaHarness, type OaHarness } from './support/oaHarness.js';
import { everyRow } from '../support/everyRow.js';
import { eventRaw, freshMsgId, OA, signedHeaders, textEventRaw, USER } from './support/oaEvents.js';
import { scriptedEngine } from './support/doubles.js';

let h: OaHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const texts = (harness: OaHarness) => harness.zalo.delivered.map((c) => c.message.text);

describe("Zalo's MAC", () => {
  it('matches the brief\'s test vector, with or without the "mac=" prefix', () => {
    const raw = Buffer.from(
      '{"app_id":"1234567890","user_id_by_app":"5555","event_name":"user_send_text","timestamp":"1700000000000","sender":{"id":"8888"},"recipient":{"id":"9999"},"message":{"msg_id":"abc123","text":"Xin chao"}}',
    );
    expect(raw.length).toBe(202);
    const mac = zaloEventMac('1234567890', raw, '1700000000000', 'test_oa_secret');
    expect(mac).toBe('d74963236cd715de611d483119fe9ad3d8180064c0c45ffb2f8c93c0a7fb8894');
    expect(signatureMatches(`mac=${mac}`, mac)).toBe(true);
    expect(signatureMatches(mac.toUpperCase(), mac)).toBe(true);
    expect(signatureMatches(`mac=${'0'.repeat(64)}`, mac)).toBe(false);
    expect(signatureMatches(undefined, mac)).toBe(false);
  });
});

describe('POST /zalo/webhook', () => {
  it('answers a signed text at once and the reply reaches the person', async () => {
    h = await oaHarness();
    const raw = textEventRaw('Xin chào');
    expect((await h.post(raw, signedHeaders(raw))).statusCode).toBe(200);
    expect(texts(h)).toEqual(['nhận: Xin chào']);
    expect(h.zalo.delivered[0]!.userId).toBe(USER);
  });

  it('accepts the signature without the "mac=" prefix', async () => {
    h = await oaHarness();
    const raw = textEventRaw('a');
    expect((await h.post(raw, signedHeaders(raw, { prefix: false }))).statusCode).toBe(200);
    expect(texts(h)).toEqual(['nhận: a']);
  });

  it.each([
    ['no signature', (_raw: string) => ({ 'content-type': 'application/json' }), (raw: string) => raw],
    ['a tampered body', (raw: string) => signedHeaders(raw), (raw: string) => raw.replace('Xin chào', 'Xin chao')],
    ['the wrong secret', (raw: string) => signedHeaders(raw, { secret: 'someone_elses_secret' }), (raw: string) => raw],
    [
      'a body re-serialised with spaces',
      (raw: string) => signedHeaders(raw),
      (raw: string) => JSON.stringify(JSON.parse(raw), null, 1),
    ],
  ])('refuses %s with 401 and sends nothing', async (_name, headersFor, mutate) => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine });
    const raw = textEventRaw('Xin chào');
    const response = await h.post(mutate(raw), headersFor(raw));
    expect(response.statusCode).toBe(401);
    expect(engine.seen).toEqual([]);
    expect(h.zalo.csCalls).toEqual([]);
  });

  it("refuses another app's event even when signed with that app's id", async () => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine });
    const raw = textEventRaw('Xin chào', { appId: '999999999' });
    expect((await h.post(raw, signedHeaders(raw, { appId: '999999999' }))).statusCode).toBe(401);
    expect(engine.seen).toEqual([]);
  });

  it('refuses a correctly signed event older than the replay window', async () => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine, env: { ZALO_WEBHOOK_MAX_AGE_SECONDS: '60' } });
    const raw = textEventRaw('Xin chào', { at: Date.now() - 61_000 });
    expect((await h.post(raw, signedHeaders(raw))).statusCode).toBe(403);
    expect(engine.seen).toEqual([]);
    const fresh = textEventRaw('Xin chào', { at: Date.now() - 30_000 });
    expect((await h.post(fresh, signedHeaders(fresh))).statusCode).toBe(200);
    expect(engine.seen).toHaveLength(1);
  });

  it('answers a redelivered event only once', async () => {
    h = await oaHarness();
    const raw = textEventRaw('Xin chào', { msgId: freshMsgId() });
    expect((await h.post(raw, signedHeaders(raw))).statusCode).toBe(200);
    expect((await h.post(raw, signedHeaders(raw))).statusCode).toBe(200);
    expect(texts(h)).toEqual(['nhận: Xin chào']);
  });

  it('ignores echoes of its own messages and events it does not serve', async () => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine });
    for (const raw of [
      eventRaw({
        event_name: 'oa_send_text',
        sender: { id: OA },
        recipient: { id: USER },
        message: { msg_id: freshMsgId(), text: 'echo' },
      }),
      eventRaw({
        event_name: 'user_seen_message',
        sender: { id: OA },
        recipient: { id: USER },
        message: { msg_id: freshMsgId() },
      }),
      eventRaw({
        event_name: 'user_send_sticker',
        sender: { id: USER },
        recipient: { id: OA },
        message: { msg_id: freshMsgId() },
      }),
    ])
      expect((await h.post(raw, signedHeaders(raw))).statusCode).toBe(200);
    expect(engine.seen).toEqual([]);
    expect(h.zalo.csCalls).toEqual([]);
  });

  it('welcomes a new follower and stops reminding one who unfollowed', async () => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine });
    const follow = eventRaw({ event_name: 'follow', oa_id: OA, source: 'oa_profile', follower: { id: USER } });
    await h.post(follow, signedHeaders(follow));
    expect(engine.seen.map((s) => s.inbound.event)).toEqual([{ kind: 'start' }]);
    expect(texts(h)).toEqual(['sự kiện: start']);
    expect(await h.store.outbox.isUnreachable('zalo', USER)).toBe(false);

    const unfollow = eventRaw(
      { event_name: 'unfollow', oa_id: OA, source: 'oa_profile', follower: { id: USER } },
      Date.now() + 1,
    );
    await h.post(unfollow, signedHeaders(unfollow));
    expect(await h.store.outbox.isUnreachable('zalo', USER)).toBe(true);
    expect(texts(h)).toHaveLength(1);

    // Writing again opens the window again.
    const raw = textEventRaw('tôi quay lại');
    await h.post(raw, signedHeaders(raw));
    expect(await h.store.outbox.isUnreachable('zalo', USER)).toBe(false);
  });

  it('answers a photo politely without fetching or keeping it anywhere', async () => {
    const engine = scriptedEngine();
    h = await oaHarness({ engine });
    const url = 'https://photo.example/cccd-mat-truoc.jpg';
    const raw = eventRaw({
      event_name: 'user_send_image',
      sender: { id: USER },
      recipient: { id: OA },
      message: { msg_id: freshMsgId(), text: 'ảnh căn cước', attachments: [{ type: 'image', payload: { url, thumbnail: url } }] },
    });
    await h.post(raw, signedHeaders(raw));
    expect(engine.seen.map((s) => s.inbound.event)).toEqual([{ kind: 'media', mediaKind: 'image' }]);
    expect(texts(h)).toEqual(['sự kiện: media']);
    const everything = await everyRow(h.store);
    expect(everything).not.toContain('photo.example');
    expect(everything).not.toContain('ảnh căn cước');
    expect(h.log.text()).not.toContain('photo.example');
  });

  it('leaves other JSON routes of the server parsing JSON as before', async () => {
    let seenBody: unknown;
    h = await oaHarness({
      extraChannels: [{ registerWebhook: (app) => app.post('/other', async (req) => ((seenBody = req.body), { ok: true })) }],
    });
    const response = await h.app.inject({ method: 'POST', url: '/other', payload: { update_id: 1 } });
    expect(response.statusCode).toBe(200);
    expect(seenBody).toEqual({ update_id: 1 });
  });

  it('never writes the tokens, the secrets or what a person wrote to the log', async () => {
    h = await oaHarness();
    h.zalo.revokeAccessToken();
    const raw = textEventRaw('mật khẩu của tôi là abc');
    await h.post(raw, signedHeaders(raw));
    const forged = textEventRaw('giả mạo');
    await h.post(forged, { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' });
    const log = h.log.text();
    for (const secret of [
      'AT-0',
      'RT-0',
      'AT-1',
      'RT-1',
      'test_app_secret_never_logged',
      'test_oa_secret',
      'mật khẩu',
      'giả mạo',
    ])
      expect(log).not.toContain(secret);
  });
});
