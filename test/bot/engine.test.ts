import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/bot/engine.js';
import { Texts } from '../../src/i18n/index.js';
import { openStore } from '../../src/store/index.js';
import { openTestStore, testDatabase } from '../support/testStore.js';
import { CAPS, FIXTURE_FLOWS, FIXTURE_RESOURCES, findModule, fixtureBot, labels, texts } from '../support/fixtureEngine.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('engine', () => {
  it('walks /start → menu → tap → next step, with Back and Menu on every step', async () => {
    const bot = await fixtureBot();
    const menu = await bot.turn({ kind: 'start' });
    expect(texts(menu)).toEqual(['Xin chào']);
    const one = await bot.tap('Hướng dẫn tài khoản', menu);
    expect(texts(one)).toEqual(['Bước một']);
    expect(labels(one)).toEqual(['Tiếp', '☰ Menu chính']);
    const two = await bot.tap('Tiếp', one);
    expect(labels(two)).toEqual(['Hoàn tất', '◀ Quay lại', '☰ Menu chính']);
    const back = await bot.tap('◀ Quay lại', two);
    expect(texts(back)).toEqual(['Bước một']);
    const home = await bot.tap('☰ Menu chính', back);
    expect(texts(home)).toEqual(['Xin chào']);
  });

  it('ends a flow at an end step and offers the menu', async () => {
    const bot = await fixtureBot();
    await bot.turn({ kind: 'command', name: 'guide', args: '' });
    const two = await bot.text('Tiếp');
    const end = await bot.tap('Hoàn tất', two);
    expect(texts(end)[0]).toMatch(/^Xong/);
    expect(labels(end)).toEqual(['☰ Menu chính']);
    expect(await bot.store.conversations.get(1)).toBeUndefined();
  });

  it('finds the same flow from free text with or without diacritics', async () => {
    const bot = await fixtureBot();
    expect(texts(await bot.text('Đăng ký tài khoản thế nào?', 'a'))).toEqual(['Bước một']);
    expect(texts(await bot.text('dang ky tai khoan the nao', 'b'))).toEqual(['Bước một']);
    expect(texts(await bot.text('dk tk', 'c'))).toEqual(['Bước một']);
  });

  it('answers text it does not understand with a helpful message and the menu, never silence', async () => {
    const bot = await fixtureBot();
    const replies = await bot.text('thời tiết hôm nay');
    expect(replies[0]!.text).toMatch(/chưa hiểu/);
    expect(texts(replies)).toContain('Xin chào');
  });

  it('answers an unknown command with a way forward', async () => {
    const bot = await fixtureBot();
    const replies = await bot.turn({ kind: 'command', name: 'xyz', args: '' });
    expect(replies[0]!.text).toContain('/xyz');
    expect(labels(replies)).toContain('☰ Menu chính');
  });

  it('/huy leaves the flow; typing "huy" does too', async () => {
    const bot = await fixtureBot();
    await bot.turn({ kind: 'command', name: 'guide', args: '' });
    const replies = await bot.turn({ kind: 'command', name: 'huy', args: '' });
    expect(replies[0]!.text).toMatch(/dừng/);
    expect(await bot.store.conversations.get(1)).toBeUndefined();
    await bot.turn({ kind: 'command', name: 'guide', args: '' });
    await bot.text('Hủy');
    expect(await bot.store.conversations.get(1)).toBeUndefined();
  });

  it('/lang switches the language and keeps it for the person', async () => {
    const bot = await fixtureBot();
    const ask = await bot.turn({ kind: 'command', name: 'lang', args: '' });
    const done = await bot.tap('English', ask);
    expect(done[0]!.text).toBe('Switched to English.');
    expect((await bot.store.persons.get(1))!.locale).toBe('en');
    expect(texts(await bot.turn({ kind: 'start' }))).toEqual(['EN Xin chào']);
  });

  it('answers a tap on an old button sensibly: followed in a guide, refused in a form', async () => {
    const bot = await fixtureBot();
    const one = await bot.turn({ kind: 'command', name: 'guide', args: '' });
    await bot.tap('Tiếp', one);
    // Tapping "Tiếp" on the first message again, from step two: the guide follows it.
    const again = await bot.tap('Tiếp', one);
    expect(texts(again)).toEqual(['Bước hai']);

    const menu = await bot.turn({ kind: 'start' });
    await bot.tap('Tìm xã', menu);
    const picks = await bot.text('phu');
    await bot.tap('Xã Phú Hưng', picks);
    const stale = await bot.tap('Xã Phú Nhuận', picks);
    expect(stale[0]!.text).toMatch(/tin nhắn cũ/);
  });

  it('runs an action and offers run-time options, picked by tap or by typed number', async () => {
    const bot = await fixtureBot();
    await bot.turn({ kind: 'command', name: 'guide', args: '' });
    const menu = await bot.turn({ kind: 'start' });
    await bot.tap('Tìm xã', menu);
    expect(texts(await bot.text('an'))).toEqual(['Xã An Hội']);

    await bot.turn({ kind: 'choice', id: 'intent|ask' });
    const options = await bot.text('phu');
    expect(texts(options)).toEqual(['Chọn xã']);
    expect(labels(options)).toEqual(['Xã Phú Hưng', 'Xã Phú Nhuận', '◀ Quay lại', '☰ Menu chính']);
    expect(texts(await bot.text('2'))).toEqual(['Xã Phú Nhuận']);

    await bot.turn({ kind: 'choice', id: 'intent|ask' });
    const none = await bot.text('zzz');
    expect(texts(none)).toEqual(['không thấy', 'Tên xã?']);
  });

  it('keeps where a person stands across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-'));
    dirs.push(dir);
    const database = await testDatabase(join(dir, 'bot.sqlite'));
    const first = await fixtureBot({ database });
    const one = await first.turn({ kind: 'command', name: 'guide', args: '' });
    await first.tap('Tiếp', one);
    await first.store.close();

    const second = await fixtureBot({ database });
    const reply = await second.text('Hoàn tất');
    expect(texts(reply)[0]).toMatch(/^Xong/);
    await second.store.close();
    await database.drop();
  });

  it('offers to continue or start over to a person back after days', async () => {
    let now = new Date('2026-11-20T03:00:00Z');
    const bot = await fixtureBot({ now: () => now });
    const one = await bot.turn({ kind: 'command', name: 'guide', args: '' });
    await bot.tap('Tiếp', one);
    now = new Date('2026-11-23T03:00:00Z');
    const offer = await bot.text('xin chào');
    expect(offer[0]!.text).toContain('Hướng dẫn tài khoản');
    expect(labels(offer)).toEqual(['Làm tiếp', 'Bắt đầu lại', '☰ Menu chính']);
    expect(texts(await bot.tap('Làm tiếp', offer))).toEqual(['Bước hai']);
    const restart = await bot.turn({ kind: 'choice', id: 'resume|restart' });
    expect(texts(restart)).toEqual(['Bước một']);
  });

  it('handles the events of one person strictly in order', async () => {
    const bot = await fixtureBot();
    const menu = await bot.turn({ kind: 'start' });
    await bot.tap('Tìm xã', menu);
    const order: string[] = [];
    const slow = bot.text('slow').then((r) => order.push(`slow:${texts(r).join()}`));
    const quick = bot.text('Menu').then((r) => order.push(`menu:${texts(r).join()}`));
    await Promise.all([slow, quick]);
    expect(order).toEqual(['slow:Xã An Hội', 'menu:Xin chào']);
  });

  it('answers a huge message, a photo and an empty message without failing', async () => {
    const bot = await fixtureBot();
    const long = await bot.text('a'.repeat(50_000));
    expect(long[0]!.text).toMatch(/dài quá/);
    const photo = await bot.turn({ kind: 'media', mediaKind: 'image' });
    expect(photo[0]!.text).toMatch(/ảnh căn cước/);
    expect((await bot.text('   ')).length).toBeGreaterThan(0);
  });

  it('runs a deep link /start command-args only for a command that allows links', async () => {
    const bot = await fixtureBot();
    expect(texts(await bot.turn({ kind: 'start', payload: 'echo-AB12' }))).toEqual(['echo AB12']);
    // One tap on a link must never change or delete anything.
    expect(texts(await bot.turn({ kind: 'start', payload: 'erase-now' }))).not.toContain('erased');
    expect(texts(await bot.turn({ kind: 'choice', id: '/echo XY' }))).toEqual(['echo XY']);
  });

  it('refuses a module that registers a command twice', () => {
    expect(
      () =>
        new Engine({
          store: openStore(':memory:'),
          texts: Texts.load('vi', FIXTURE_RESOURCES),
          flows: FIXTURE_FLOWS,
          modules: [findModule, findModule],
        }),
    ).toThrow(/registered twice/);
    void CAPS;
  });
});

describe('personal data typed into the chat', () => {
  it('is masked before a flow stores it, and the person is warned once', async () => {
    const bot = await fixtureBot();
    const menu = await bot.turn({ kind: 'start' });
    await bot.tap('Tìm xã', menu);
    const first = await bot.text('cccd 079095001234');
    expect(first[0]!.text).toMatch(/Không bao giờ gửi mã OTP/);
    const stored = JSON.stringify(await bot.store.sql.selectFrom('conversation').selectAll().execute());
    expect(stored).not.toContain('079095001234');
    await bot.turn({ kind: 'choice', id: 'intent|ask' });
    const second = await bot.text('mã OTP là 482913');
    expect(texts(second).join()).not.toMatch(/Không bao giờ gửi mã OTP/);
  });
});

describe('a flood from one person', () => {
  it('gets one polite "slow down", is then ignored, and others are still answered', async () => {
    const store = await openTestStore();
    const engine = new Engine({
      store,
      texts: Texts.load('vi', FIXTURE_RESOURCES),
      flows: FIXTURE_FLOWS,
      modules: [findModule],
      floodLimits: { points: 5, windowSeconds: 60 },
    });
    const send = (who: string) =>
      engine.handle({ channel: 'terminal', externalId: who, event: { kind: 'text', text: 'xin chào' } }, CAPS);
    for (let i = 0; i < 5; i++) expect((await send('flooder')).length).toBeGreaterThan(0);
    const warned = await send('flooder');
    expect(texts(warned)).toEqual([expect.stringMatching(/gửi nhanh quá/)]);
    expect(await send('flooder')).toEqual([]);
    expect(await send('flooder')).toEqual([]);
    expect((await send('someone-else')).length).toBeGreaterThan(0);
  });
});

describe('run-time options', () => {
  it('are picked by tapping their button too', async () => {
    const bot = await fixtureBot();
    const menu = await bot.turn({ kind: 'start' });
    await bot.tap('Tìm xã', menu);
    const options = await bot.text('phu');
    expect(texts(await bot.tap('Xã Phú Hưng', options))).toEqual(['Xã Phú Hưng']);
  });
});

describe('a module that takes over messages', () => {
  it('sees masked text before flows do, and passes what it does not want', async () => {
    const seen: string[] = [];
    const relay = {
      name: 'relay',
      intercept: (_ctx: unknown, message: { kind: string; text?: string }) => {
        if (message.kind !== 'text') return undefined;
        seen.push(message.text!);
        return message.text!.startsWith('relay') ? [{ text: 'relayed' }] : undefined;
      },
    };
    const store = await openTestStore();
    const engine = new Engine({
      store,
      texts: Texts.load('vi', FIXTURE_RESOURCES),
      flows: FIXTURE_FLOWS,
      modules: [findModule, relay],
    });
    const say = (text: string) => engine.handle({ channel: 'terminal', externalId: 'u', event: { kind: 'text', text } }, CAPS);
    const relayed = await say('relay số tôi 0912345678');
    expect(texts(relayed)).toEqual([expect.stringMatching(/đã ẩn/), 'relayed']);
    expect(seen[0]).not.toContain('0912345678');
    expect(texts(await say('dang ky tai khoan'))).toEqual(['Bước một']);
  });
});
