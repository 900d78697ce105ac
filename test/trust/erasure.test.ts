// Erasure that is complete and stays complete: /xoadulieu removes every row that names
// the person or one of their channel ids, on every channel; nothing re-creates them while
// the confirmation is sent; and after a clean stop the database files hold neither their
// chat id nor a phrase they typed.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { signedHeaders, textEventRaw, freshMsgId } from '../zalo/support/oaEvents.js';
import { BOT_SECRET, bothZaloAdapters, type ZaloWorld } from '../zalo/support/bothAdapters.js';
import { askForPerson, communityBot } from '../community/support/communityBot.js';
import { rowsOf, tableNames } from '../support/everyRow.js';
import { onPostgres, testDatabase } from '../support/testStore.js';
import type { Store } from '../../src/store/index.js';

const OA_USER = '6142494823000000888';
const BOT_CHAT = '7fdf0bfb77c99ff7e7b0';

const dir = mkdtempSync(join(tmpdir(), 'trolydvc-erasure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let world: ZaloWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function zaloWorld(): Promise<ZaloWorld> {
  world = await bothZaloAdapters();
  return world;
}

async function oaSays(w: ZaloWorld, text: string): Promise<void> {
  const raw = textEventRaw(text, { user: OA_USER });
  const response = await w.app.inject({ method: 'POST', url: '/zalo/webhook', headers: signedHeaders(raw), payload: raw });
  expect(response.statusCode).toBe(200);
  await w.oa.drain();
}

async function botSays(w: ZaloWorld, text: string): Promise<void> {
  const message = {
    from: { id: BOT_CHAT, display_name: 'Chị Lan', is_bot: false },
    chat: { id: BOT_CHAT, chat_type: 'PRIVATE' },
    text,
    message_id: freshMsgId(),
    date: Date.now(),
  };
  const response = await w.app.inject({
    method: 'POST',
    url: '/zalo/bot/webhook',
    headers: { 'x-bot-api-secret-token': BOT_SECRET },
    payload: { ok: true, result: { event_name: 'message.text.received', message } },
  });
  expect(response.statusCode).toBe(200);
  await w.zaloBot.drain();
}

/** Every row anywhere that still holds this channel id, counted by table and column. */
async function rowsNaming(w: ZaloWorld, externalId: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of await tableNames(w.bot.store)) {
    for (const row of await rowsOf(w.bot.store, table)) {
      for (const [column, value] of Object.entries(row)) {
        if (!/external_id|payload|choices/.test(column) || !String(value).includes(externalId)) continue;
        const where = `${table}.${column}`;
        found[where] = (found[where] ?? 0) + 1;
      }
    }
  }
  return found;
}

/** Queued messages whose payload holds these words: all of them, or only those in one status. */
async function outboxHolding(store: Store, words: string, status?: string): Promise<number> {
  const rows = await store.sql.selectFrom('outbox_message').select(['payload', 'status']).execute();
  return rows.filter((r) => r.payload.includes(words) && (status === undefined || r.status === status)).length;
}

describe('erasure on Zalo stays erased', () => {
  it('on the OA: the confirmation is sent, and no person, identity or menu comes back', async () => {
    const w = await zaloWorld();
    await oaSays(w, 'xin chào');
    await oaSays(w, '/taikhoan');
    expect(await rowsNaming(w, OA_USER)).toMatchObject({ 'channel_identity.external_id': 1, 'zalo_choice_menu.external_id': 1 });
    await oaSays(w, '/xoadulieu xacnhan');
    expect(String(w.zalo.delivered.at(-1)?.message.text)).toMatch(/Đã xóa dữ liệu của ông\/bà/);
    expect(await w.bot.store.persons.find({ channel: 'zalo', externalId: OA_USER })).toBeUndefined();
    expect(await rowsNaming(w, OA_USER)).toEqual({});
  });

  it('on the Bot Platform: the same', async () => {
    const w = await zaloWorld();
    await botSays(w, '/taikhoan');
    expect((await rowsNaming(w, BOT_CHAT))['channel_identity.external_id']).toBe(1);
    await botSays(w, '/xoadulieu xacnhan');
    expect(w.zalo.botMessages.at(-1)?.text).toMatch(/Đã xóa dữ liệu của ông\/bà/);
    expect(await w.bot.store.persons.find({ channel: 'zalo_bot', externalId: BOT_CHAT })).toBeUndefined();
    expect(await rowsNaming(w, BOT_CHAT)).toEqual({});
  });
});

describe("a citizen's words do not outlive their erasure", () => {
  it('withdraws the new-request notice and relayed messages queued for officials, and /dulieucuatoi lists them first', async () => {
    // 22:30 on a Friday: quiet hours, so the notice to the team waits for the morning.
    const bot = await communityBot(new Date('2023-12-08T22:30:00+07:00'));
    const leader = await bot.official('leader-tx', 'BT-BATRI-TANXUAN', 'team_leader');
    const citizen = bot.citizen('zalo-citizen-words');
    await askForPerson(citizen, 'tan xuan', 'Con mèo tên Mướp làm mất giấy hẹn');
    expect(await outboxHolding(bot.store, 'Mướp', 'pending')).toBe(1);
    await citizen.command('dulieucuatoi');
    expect(citizen.lastText()).toContain('tin nhắn của ông/bà đang chờ chuyển cho cán bộ');

    await citizen.command('xoadulieu', 'xacnhan');
    expect(await outboxHolding(bot.store, 'Mướp')).toBe(0);
    bot.setNow(new Date('2023-12-09T08:00:00+07:00'));
    expect(await bot.receivedText(leader)).not.toContain('Mướp');
  });

  it('withdraws relayed words an official has not received yet', async () => {
    const bot = await communityBot();
    const leader = await bot.official('leader-relay', 'BT-BATRI-TANXUAN', 'team_leader');
    const citizen = bot.citizen('zalo-citizen-relay');
    const ticket = await askForPerson(citizen, 'tan xuan', 'Không đăng nhập được');
    await leader.command('nhanhotro', String(ticket));
    await bot.deliver();
    await citizen.send('Nhà tôi ở cạnh chùa Phước Long');
    expect(await outboxHolding(bot.store, 'Phước Long', 'pending')).toBe(1);
    await citizen.command('xoadulieu', 'xacnhan');
    expect(await outboxHolding(bot.store, 'Phước Long')).toBe(0);
    expect(await bot.receivedText(leader)).not.toContain('Phước Long');
  });
});

// The bytes of SQLite's files: the PostgreSQL run leaves them to the SQLite run.
describe.skipIf(onPostgres)('after erasure and a clean stop, the database files hold nothing of the person', () => {
  it("has neither the chat id nor a phrase the person typed anywhere in the files' bytes", async () => {
    const databasePath = join(dir, 'erased.sqlite');
    const { createTestBot } = await import('../support/harness.js');
    const { seedDemoData } = await import('../../src/campaign/demo.js');
    const at = new Date('2023-12-08T15:00:00+07:00');
    const fileBot = await createTestBot({ now: () => at, database: await testDatabase(databasePath) });
    await seedDemoData(fileBot.store, at);
    const leader = fileBot.as('leader-bytes', 'telegram');
    await fileBot.store.roles.grantRole(await leader.personId(), 'BT-BATRI-TANXUAN', 'team_leader', at);
    const chatId = '5550001234567';
    const citizen = fileBot.as(chatId, 'telegram');
    const phrase = 'Ông Bảy bán vé số đầu hẻm Quỳnh Hoa';
    await citizen.command('taikhoan');
    const ticket = await askForPerson(citizen, 'tan xuan', phrase);
    await leader.command('nhanhotro', String(ticket));
    await citizen.send(`${phrase} lần hai`);
    // Deliver everything queued, as the outbox worker would, so "sent" rows exist too.
    for (const m of await fileBot.store.outbox.claimDue(new Date(at.getTime() + 86_400_000), 1000))
      await fileBot.store.outbox.markSent(m.id, at);
    await citizen.command('xoadulieu', 'xacnhan');
    await fileBot.store.close();

    const files = readdirSync(dir).filter((f) => f.startsWith('erased.sqlite'));
    expect(files).toContain('erased.sqlite');
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(Buffer.from(chatId)), `${file} holds the chat id`).toBe(false);
      for (const word of ['Quỳnh Hoa', 'vé số']) expect(bytes.includes(Buffer.from(word)), `${file} holds "${word}"`).toBe(false);
    }
  });
});
