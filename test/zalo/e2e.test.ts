// End to end over both Zalo adapters, through their webhooks, with the real engine and the
// real flows: a citizen walks a guide by typing the numbers the bot sends, and an official
// asks /tiendo. A twin on Telegram takes the same path through the same engine; the Zalo
// person must read the same texts and be offered the same choices.
import { afterEach, describe, expect, it } from 'vitest';
import type { Choice, Reply } from '../../src/bot/types.js';
import { TELEGRAM_CAPABILITIES } from '../../src/channels/telegram/channel.js';
import { BOT_SECRET, bothZaloAdapters, type ZaloWorld } from './support/bothAdapters.js';
import type { RealBot } from './support/realBot.js';
import { signedHeaders, textEventRaw, freshMsgId } from './support/oaEvents.js';

const OA_USER = '6142494823000000777';
const BOT_CHAT = '6ede9afa66b88fe6d6a9';

type World = ZaloWorld;
let world: World | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function setUp(): Promise<World> {
  world = await bothZaloAdapters();
  return world;
}

/** What the person reads after typing `text` on the OA. */
async function oaSays(w: World, text: string): Promise<string[]> {
  const before = w.zalo.delivered.length;
  const raw = textEventRaw(text, { user: OA_USER });
  const response = await w.app.inject({ method: 'POST', url: '/zalo/webhook', headers: signedHeaders(raw), payload: raw });
  expect(response.statusCode).toBe(200);
  await w.oa.drain();
  return w.zalo.delivered.slice(before).map((c) => (c.message.text ?? '') as string);
}

/** What the person reads after typing `text` to the Bot Platform bot (the wrapped update shape). */
async function botSays(w: World, text: string): Promise<string[]> {
  const before = w.zalo.botMessages.length;
  const update = {
    ok: true,
    result: {
      event_name: 'message.text.received',
      message: {
        from: { id: BOT_CHAT, display_name: 'Chị Lan', is_bot: false },
        chat: { id: BOT_CHAT, chat_type: 'PRIVATE' },
        text,
        message_id: freshMsgId(),
        date: Date.now(),
      },
    },
  };
  const response = await w.app.inject({
    method: 'POST',
    url: '/zalo/bot/webhook',
    headers: { 'x-bot-api-secret-token': BOT_SECRET },
    payload: update,
  });
  expect(response.statusCode).toBe(200);
  await w.zaloBot.drain();
  return w.zalo.botMessages.slice(before).map((m) => m.text);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The Zalo texts carry every text of the Telegram replies and their choices, numbered in order. */
function expectSameAnswer(zaloTexts: string[], telegram: Reply[]): Choice[] {
  const read = squash(zaloTexts.join('\n'));
  const choices = telegram.flatMap((r) => r.choices ?? []);
  for (const reply of telegram) expect(read).toContain(squash(reply.text));
  choices.forEach((choice, i) => expect(read).toContain(squash(`${i + 1}. ${choice.label}`)));
  return choices;
}

describe('a citizen guide over Zalo', () => {
  it.each([
    ['the Official Account', oaSays],
    ['the Bot Platform', botSays],
  ])('is walked by typed numbers on %s exactly as a Telegram twin walks it by buttons', async (_name, says) => {
    const w = await setUp();
    const twin = (event: Parameters<RealBot['engine']['handle']>[0]['event']) =>
      w.bot.engine.handle({ channel: 'telegram', externalId: '4242', event }, TELEGRAM_CAPABILITIES);

    let telegram = await twin({ kind: 'command', name: 'taikhoan', args: '' });
    let choices = expectSameAnswer(await says(w, '/taikhoan'), telegram);
    expect(choices.length).toBeGreaterThan(1);

    // Always the second choice while there are two or more, else the first, for a few steps.
    const seen = new Set<string>([squash(telegram.map((r) => r.text).join())]);
    for (let step = 0; step < 4 && choices.length > 0; step++) {
      const pick = choices.length > 1 ? 2 : 1;
      telegram = await twin({ kind: 'choice', id: choices[pick - 1]!.id });
      choices = expectSameAnswer(await says(w, String(pick)), telegram);
      seen.add(squash(telegram.map((r) => r.text).join()));
    }
    // The walk went somewhere: several different steps were shown.
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});

describe('/tiendo over Zalo', () => {
  it('shows an official the figures and the chart on the Official Account', async () => {
    const w = await setUp();
    await w.bot.makeOfficial('zalo', OA_USER);
    await w.bot.makeOfficial('telegram', '4242');
    const telegram = await w.bot.engine.handle(
      { channel: 'telegram', externalId: '4242', event: { kind: 'command', name: 'tiendo', args: '' } },
      TELEGRAM_CAPABILITIES,
    );
    expect(telegram.some((r) => r.image)).toBe(true);
    const read = await oaSays(w, '/tiendo');
    expectSameAnswer(
      read.filter((t) => t !== ''),
      telegram,
    );
    expect(w.zalo.uploads.filter((u) => u.kind === 'image')).toHaveLength(1);
    const chart = w.zalo.delivered.find(
      (c) => (c.message.attachment as { payload?: { template_type?: string } } | undefined)?.payload?.template_type === 'media',
    );
    expect(chart?.userId).toBe(OA_USER);
    expect(read.join('\n')).toContain('Huyện Ba Tri');
  });

  it('shows an official the figures as text on the Bot Platform, which cannot upload pictures', async () => {
    const w = await setUp();
    await w.bot.makeOfficial('zalo_bot', BOT_CHAT);
    await w.bot.makeOfficial('telegram', '4242');
    const read = await botSays(w, '/tiendo');
    const telegram = await w.bot.engine.handle(
      { channel: 'telegram', externalId: '4242', event: { kind: 'command', name: 'tiendo', args: '' } },
      { ...TELEGRAM_CAPABILITIES, images: false },
    );
    expectSameAnswer(read, telegram);
    expect(read.join('\n')).toContain('Huyện Châu Thành');
    expect(read.every((t) => t.length <= 2000)).toBe(true);
  });

  it('refuses a citizen politely, the same way on both adapters', async () => {
    const w = await setUp();
    const [oaRefusal] = await oaSays(w, '/tiendo');
    const [botRefusal] = await botSays(w, '/tiendo');
    expect(oaRefusal).toBeTruthy();
    expect(oaRefusal).toBe(botRefusal);
    expect(w.zalo.uploads).toEqual([]);
  });
});
