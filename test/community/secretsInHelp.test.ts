// The secrets that once reached an official: typed as the topic of a help request or as a
// message relayed to the officer, in the wordings people really use. None of them may be
// stored (ticket, outbox, any table) nor reach the official's chat.
import { afterEach, describe, expect, it } from 'vitest';
import { askForPerson, communityBot, type CommunityBot } from './support/communityBot.js';
import { everyRow } from '../support/everyRow.js';

let bot: CommunityBot;
afterEach(() => bot?.close());

const TAN_XUAN = 'BT-BATRI-TANXUAN';

describe('a secret typed by a citizen asking for help', () => {
  it.each([
    ['otp của tôi là 112233', '112233'],
    ['mã otp của tôi là 246810', '246810'],
    ['135790 là mã OTP', '135790'],
    ['pw: Hunter42x', 'Hunter42x'],
    ['cccd 079_123_456_789', '079_123_456_789'],
  ])('as the topic "%s": neither stored nor sent to the official', async (topic, secret) => {
    bot = await communityBot();
    const leader = await bot.official('to-truong', TAN_XUAN, 'team_leader');
    const citizen = bot.citizen('nguoi-dan');
    const id = await askForPerson(citizen, 'tan xuan', topic);
    const row = await bot.store.sql.selectFrom('handoff_ticket').select('topic').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.topic).toContain('[***]');
    expect(await everyRow(bot.store)).not.toContain(secret);
    const notice = await bot.receivedText(leader);
    expect(notice).toContain(`yêu cầu số ${id}`);
    expect(notice).not.toContain(secret);
  });

  it('as messages relayed to the officer: neither in the outbox nor in what the officer reads', async () => {
    bot = await communityBot();
    const leader = await bot.official('to-truong', TAN_XUAN, 'team_leader');
    const citizen = bot.citizen('nguoi-dan');
    const id = await askForPerson(citizen, 'tan xuan', 'vneid bi khoa');
    await leader.command('nhanhotro', String(id));
    await bot.received(leader);
    const messages = {
      'OTP gồm 6 số 445566': '445566',
      'mã otp của tôi là 246810': '246810',
      '135790 là mã OTP': '135790',
      'pw: Hunter42x': 'Hunter42x',
      'cccd 079_123_456_789': '079_123_456_789',
      'stk 0123456789012 vietcombank': '0123456789012',
    };
    for (const text of Object.keys(messages)) await citizen.send(text);
    // Before delivery: the queued relays hold only masked text.
    const stored = await everyRow(bot.store);
    const relayed = await bot.receivedText(leader);
    expect(relayed.split('[***]').length - 1).toBeGreaterThanOrEqual(Object.keys(messages).length);
    for (const secret of Object.values(messages)) {
      expect(stored).not.toContain(secret);
      expect(relayed).not.toContain(secret);
    }
    expect(relayed).toContain('số tài khoản ngân hàng');
  });
});
