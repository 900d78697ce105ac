// The bot in-process: updates go through grammY's middleware as in production; what it
// would send to Telegram is captured instead.
import { describe, expect, it } from 'vitest';
import { APOLOGY, CHAT_ID, SECRET, TOKEN, callbackUpdate, harness, scriptedEngine, textUpdate } from './harness.js';

describe('Telegram bot in-process', () => {
  it('answers /start with the menu as an inline keyboard, telling the engine what Telegram can show', async () => {
    const engine = scriptedEngine(() => [
      { text: 'Chào bạn! Bạn cần gì?', choices: [{ id: 'f|menu|start|taikhoan', label: 'Tạo tài khoản' }] },
    ]);
    const h = await harness(engine);
    await h.channel.bot.handleUpdate(textUpdate('/start'));

    expect(engine.seen[0]?.inbound.event).toEqual({ kind: 'start' });
    expect(engine.seen[0]?.capabilities).toEqual({ buttons: true, images: true, documents: true, maxTextLength: 4096 });
    expect(h.sent('sendMessage')).toEqual([
      expect.objectContaining({
        chat_id: CHAT_ID,
        text: 'Chào bạn! Bạn cần gì?',
        reply_markup: { inline_keyboard: [[{ text: 'Tạo tài khoản', callback_data: 'f|menu|start|taikhoan' }]] },
      }),
    ]);
  });

  it('answers a tapped button so it stops spinning, and hands the choice to the engine', async () => {
    const h = await harness();
    await h.channel.bot.handleUpdate(callbackUpdate('f|menu|start|taikhoan'));
    expect(h.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(h.engine.seen[0]?.inbound.event).toEqual({ kind: 'choice', id: 'f|menu|start|taikhoan' });
  });

  it('handles an update Telegram delivers twice only once', async () => {
    const h = await harness();
    const update = textUpdate('chào');
    await h.channel.bot.handleUpdate(update);
    await h.channel.bot.handleUpdate(update);
    expect(h.engine.seen).toHaveLength(1);
    expect(h.sent('sendMessage')).toHaveLength(1);
  });

  it('apologises when handling fails, logs the failure, and carries on with the next message', async () => {
    let calls = 0;
    const h = await harness(
      scriptedEngine(() => {
        if (++calls === 1) throw new Error('database is locked');
        return [{ text: 'ok' }];
      }),
    );
    await h.channel.bot.handleUpdate(textUpdate('hồ sơ của tôi'));
    await h.channel.bot.handleUpdate(textUpdate('thử lại'));
    expect(h.sent('sendMessage').map((p) => p.text)).toEqual([APOLOGY.text, 'ok']);
    expect(h.log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('still answers the button of a failing step, then apologises', async () => {
    const h = await harness(
      scriptedEngine(() => {
        throw new Error('boom');
      }),
    );
    await h.channel.bot.handleUpdate(callbackUpdate('f|old|gone|x'));
    expect(h.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(h.sent('sendMessage')[0]?.text).toBe(APOLOGY.text);
  });

  it('sends a long guide as several messages, the buttons under the last one', async () => {
    const long = Array.from({ length: 200 }, (_, i) => `Dòng ${i}: hướng dẫn nộp hồ sơ trực tuyến.`).join('\n');
    const h = await harness(scriptedEngine(() => [{ text: long, choices: [{ id: 'next', label: 'Tiếp' }] }]));
    await h.channel.bot.handleUpdate(textUpdate('hướng dẫn'));
    const sent = h.sent('sendMessage');
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((p) => String(p.text).length <= 4096)).toBe(true);
    expect(sent.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(sent.at(-1)?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Tiếp', callback_data: 'next' }]] });
  });

  it('sends a chart as a photo and an export as a document', async () => {
    const h = await harness(
      scriptedEngine(() => [
        { text: 'Tiến độ', image: { png: new Uint8Array([137, 80, 78, 71]) } },
        { text: 'Bảng tổng hợp', document: { filename: 'tong-hop.xlsx', bytes: new Uint8Array([80, 75]) } },
      ]),
    );
    await h.channel.bot.handleUpdate(textUpdate('/tiendo'));
    expect(h.calls.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage', 'sendDocument', 'sendMessage']);
  });

  it('sends reminders on its own initiative, and reports a refusal to the caller', async () => {
    const h = await harness();
    await h.channel.send(String(CHAT_ID), [{ text: 'Hạn báo cáo: 10:00 thứ Sáu' }]);
    expect(h.sent('sendMessage')).toEqual([expect.objectContaining({ chat_id: CHAT_ID, text: 'Hạn báo cáo: 10:00 thứ Sáu' })]);

    const blocked = await harness(scriptedEngine(), { failing: ['sendMessage'] });
    await expect(blocked.channel.send(String(CHAT_ID), [{ text: 'x' }])).rejects.toThrow(/blocked/);
  });

  it('registers its webhook under PUBLIC_URL with the secret and only the updates it reads', async () => {
    const h = await harness();
    await h.channel.setWebhook('https://dvc.example.gov.vn/');
    expect(h.sent('setWebhook')).toEqual([
      {
        url: 'https://dvc.example.gov.vn/telegram/webhook',
        secret_token: SECRET,
        allowed_updates: ['message', 'callback_query'],
      },
    ]);
    expect(h.log.text()).not.toContain(SECRET);
  });

  it('never writes the token, the secret or what a citizen typed into the logs', async () => {
    const h = await harness(
      scriptedEngine(() => {
        throw new Error(`request to http://x/bot${TOKEN}/sendMessage failed`);
      }),
      { failing: ['sendMessage'] },
    );
    await h.channel.bot.handleUpdate(textUpdate('Số CCCD của tôi là 083200001234'));
    const update = textUpdate('lặp lại');
    await h.channel.bot.handleUpdate(update);
    await h.channel.bot.handleUpdate(update);
    const logged = h.log.text();
    expect(h.log.lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain('083200001234');
    expect(logged).not.toContain('lặp lại');
  });
});
