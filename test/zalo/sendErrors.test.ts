// What the OA channel does with each of Zalo's refusals (all of them HTTP 200 with an
// error code): a closed window or a missing paid tier marks the person unreachable for
// the outbox and is never retried; a rate limit is waited out; a bad request is not
// repeated; a refused button list or picture still leaves the person a readable answer.
import { afterEach, describe, expect, it } from 'vitest';
import { ZaloUnreachableError } from '../../src/channels/zalo/errors.js';
import { oaHarness, type OaHarness } from './support/oaHarness.js';
import { signedHeaders, textEventRaw, USER } from './support/oaEvents.js';
import { scriptedEngine } from './support/doubles.js';

let h: OaHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Zalo OA send errors', () => {
  it.each([
    [-230, 'window_closed'],
    [-232, 'window_closed'],
    [-224, 'paid_tier'],
    [-213, 'not_follower'],
    [-217, 'blocked'],
    [-227, 'inactive'],
  ])('error %i marks the person unreachable (%s) after a single attempt', async (code, reason) => {
    h = await oaHarness();
    h.zalo.scriptCs(code);
    const sending = h.channel.send(USER, [{ text: 'Nhắc: hạn báo cáo 10:00 thứ Sáu' }]);
    await expect(sending).rejects.toBeInstanceOf(ZaloUnreachableError);
    await expect(sending).rejects.toMatchObject({ unreachable: true, reason });
    expect(h.zalo.csCalls).toHaveLength(1);
    expect(await h.store.outbox.unreachable()).toEqual([expect.objectContaining({ channel: 'zalo', externalId: USER, reason })]);
  });

  it('waits out a rate limit and then delivers', async () => {
    h = await oaHarness();
    h.zalo.scriptCs(-32, -32);
    await h.channel.send(USER, [{ text: 'Xin chào' }]);
    expect(h.zalo.csCalls).toHaveLength(3);
    expect(h.zalo.delivered.map((c) => c.message.text)).toEqual(['Xin chào']);
  });

  it('gives up after the configured rate-limit retries', async () => {
    h = await oaHarness();
    h.zalo.scriptCs(-32, -32, -32, -32);
    await expect(h.channel.send(USER, [{ text: 'Xin chào' }])).rejects.toMatchObject({ code: -32 });
    expect(h.zalo.csCalls).toHaveLength(3);
  });

  it('does not repeat a request Zalo calls invalid', async () => {
    h = await oaHarness();
    h.zalo.scriptCs(-201);
    await expect(h.channel.send(USER, [{ text: 'x' }])).rejects.toMatchObject({ code: -201 });
    expect(h.zalo.csCalls).toHaveLength(1);
    expect(await h.store.outbox.isUnreachable('zalo', USER)).toBe(false);
  });

  it('sends the /tiendo chart as an uploaded image, and its figures as text when Zalo refuses the picture', async () => {
    h = await oaHarness();
    const chart = {
      text: 'Tiến độ xã An Hội',
      image: { png: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), caption: 'Biểu đồ tiến độ' },
    };
    await h.channel.send(USER, [chart]);
    expect(h.zalo.uploads).toEqual([expect.objectContaining({ kind: 'image', bytes: expect.any(Number) })]);
    expect(h.zalo.delivered[0]!.message).toMatchObject({
      text: 'Biểu đồ tiến độ',
      attachment: {
        type: 'template',
        payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: 'img-1' }] },
      },
    });
    expect(h.zalo.delivered[1]!.message).toEqual({ text: 'Tiến độ xã An Hội' });

    h.zalo.scriptUpload(-210);
    await h.channel.send(USER, [chart]);
    expect(h.zalo.delivered.slice(2).map((c) => c.message.text)).toEqual([
      'Biểu đồ tiến độ\n\nBiểu đồ chưa gửi được qua Zalo lúc này; số liệu đầy đủ có trong tin nhắn bên dưới.',
      'Tiến độ xã An Hội',
    ]);
  });

  it("sends a compiler's report as a file, or says where to get it when Zalo will not take it", async () => {
    h = await oaHarness();
    const report = { text: 'Báo cáo tổng hợp tuần', document: { filename: 'bao-cao-tuan-49.xlsx', bytes: new Uint8Array(100) } };
    await h.channel.send(USER, [report]);
    expect(h.zalo.delivered[0]!.message).toEqual({ attachment: { type: 'file', payload: { token: 'file-1' } } });
    h.zalo.scriptUpload(-201);
    await h.channel.send(USER, [report]);
    expect(String(h.zalo.delivered[2]!.message.text)).toContain('bao-cao-tuan-49.xlsx');
  });

  it('offers choices as a button list when configured, and falls back to numbers for good when Zalo refuses it', async () => {
    const engine = scriptedEngine(() => [
      {
        text: 'Bạn đã có thẻ căn cước gắn chip chưa?',
        choices: [
          { id: 'f|taikhoan|chip|yes', label: 'Có' },
          { id: 'f|taikhoan|chip|no', label: 'Chưa' },
        ],
      },
    ]);
    h = await oaHarness({ engine, env: { ZALO_OA_CHOICES: 'list' } });
    const first = textEventRaw('tai khoan');
    await h.post(first, signedHeaders(first));
    expect(h.zalo.delivered[1]!.message).toMatchObject({
      attachment: {
        payload: {
          template_type: 'list',
          elements: [
            { title: '1. Có', default_action: { type: 'oa.query.hide', payload: 'f|taikhoan|chip|yes' } },
            { title: '2. Chưa', default_action: { type: 'oa.query.hide', payload: 'f|taikhoan|chip|no' } },
          ],
        },
      },
    });
    // A tapped button comes back as the person's text: the choice id itself.
    const tap = textEventRaw('f|taikhoan|chip|no');
    h.zalo.scriptCs(0, -233);
    await h.post(tap, signedHeaders(tap));
    expect(engine.seen.at(-1)!.inbound.event).toEqual({ kind: 'choice', id: 'f|taikhoan|chip|no' });
    const fallback = String(h.zalo.delivered.at(-1)!.message.text);
    expect(fallback).toContain('1. Có\n2. Chưa');
    const again = textEventRaw('tai khoan');
    await h.post(again, signedHeaders(again));
    expect(h.zalo.delivered.at(-1)!.message.text).toContain('1. Có\n2. Chưa');
    expect(h.zalo.delivered.at(-1)!.message.attachment).toBeUndefined();
  });

  it('apologises when handling fails, instead of leaving the person without an answer', async () => {
    h = await oaHarness({
      engine: Object.assign(
        scriptedEngine(() => Promise.reject(new Error('boom'))),
        {},
      ),
    });
    const raw = textEventRaw('Xin chào');
    await h.post(raw, signedHeaders(raw));
    expect(h.zalo.delivered.map((c) => c.message.text)).toEqual(['Xin lỗi, có trục trặc.']);
  });
});
