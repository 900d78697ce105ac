import { describe, expect, it } from 'vitest';
import { createTestBot } from '../support/harness.js';
import { reportsBot, BEFORE_DEADLINE } from '../reports/reportsBot.js';

describe('personal data rights', () => {
  it('shows a short notice at first contact, once, with a way to choose', async () => {
    const bot = await createTestBot();
    const first = await bot.start();
    expect(first[0]!.text).toMatch(/không lưu mật khẩu, mã OTP, số căn cước/);
    expect(first[0]!.text).toContain('/xoadulieu');
    expect(bot.choiceLabels()).toContain('Chọn quyền riêng tư');
    await bot.start();
    expect(bot.lastText()).not.toMatch(/Trước khi bắt đầu/);
  });

  it('asks consent for each purpose separately, with no answer chosen in advance, and works without it', async () => {
    const bot = await createTestBot();
    const consent = bot.store.consent;
    const id = await bot.personId();
    await bot.command('quyenriengtu');
    await bot.tap('Chọn từng mục');
    expect(bot.lastText()).toMatch(/^Việc 1/);
    expect(bot.choiceLabels().slice(0, 2)).toEqual(['Đồng ý', 'Không đồng ý']);
    // Nothing is recorded until the person answers.
    expect(await consent.decisions(id)).toEqual([]);
    await bot.tap('Không đồng ý');
    expect(bot.lastText()).toMatch(/Việc 2/);
    await bot.tap('Đồng ý');
    expect(await consent.granted(id, 'reminders')).toBe(false);
    expect(await consent.granted(id, 'outcome_stats')).toBe(true);
    // Refusing changes nothing about the guides.
    await bot.command('taikhoan');
    expect(bot.lastText()).toContain('VNeID');
  });

  it('/dulieucuatoi lists what is kept, without the full channel id', async () => {
    const bot = await createTestBot();
    const person = bot.as('123456789', 'telegram');
    await person.command('lang', 'en');
    await person.command('taikhoan');
    await person.command('dulieucuatoi');
    const text = person.lastText();
    expect(text).toContain('Language: English');
    expect(text).toContain('Telegram (id ••••6789)');
    expect(text).not.toContain('123456789');
    expect(text).toContain('The guide step you are on');
    const viewed = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'person.data_viewed');
    expect(viewed).toHaveLength(1);
  });

  it("/xoadulieu asks first, then deletes the person at once but keeps the unit's submitted report", async () => {
    const b = await reportsBot(BEFORE_DEADLINE);
    const reporter = await b.official('r-erase', 'BT-BATRI-TANMY', 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    for (const answer of ['12', '5', 'không', 'không']) await reporter.send(answer);
    await reporter.tap('Gửi báo cáo');
    const personId = await reporter.personId();

    await reporter.command('xoadulieu');
    expect(reporter.lastText()).toMatch(/không hoàn tác được/);
    const sql = b.store.sql;
    expect(await sql.selectFrom('person').select('id').where('id', '=', personId).execute()).toHaveLength(1);
    await reporter.tap('Có, xóa dữ liệu');
    expect(reporter.lastText()).toMatch(/Đã xóa dữ liệu/);

    expect(await sql.selectFrom('person').select('id').where('id', '=', personId).execute()).toEqual([]);
    for (const table of ['channel_identity', 'person_role', 'conversation'] as const)
      expect(await sql.selectFrom(table).select('person_id').where('person_id', '=', personId).execute(), table).toEqual([]);
    const report = await sql
      .selectFrom('unit_report as r')
      .innerJoin('unit_report_version as v', 'v.report_id', 'r.id')
      .select(['r.unit_code', 'v.submitted_by'])
      .where('r.unit_code', '=', 'BT-BATRI-TANMY')
      .execute();
    expect(report).toEqual([{ unit_code: 'BT-BATRI-TANMY', submitted_by: null }]);
    const audit = await sql.selectFrom('audit_event').select('subject').where('action', '=', 'person.data_deleted').execute();
    expect(audit).toEqual([{ subject: `person:${personId}` }]);
  });
});

describe('personal data after a command', () => {
  it('is masked in the arguments too, so /hogiadinh never stores an ID number', async () => {
    const { campaignBot } = await import('../campaign/campaignBot.js');
    const bot = await campaignBot();
    const leader = await bot.official('leader-1', 'BT-BATRI-TANXUAN', 'team_leader');
    await leader.command('hogiadinh', 'Ấp 3 079123456789: 120, 95');
    const stored = JSON.stringify([
      await bot.store.sql.selectFrom('household_coverage').selectAll().execute(),
      await bot.store.sql.selectFrom('audit_event').selectAll().execute(),
    ]);
    expect(stored).not.toContain('079123456789');
  });

  it('a link cannot erase a person: /start xoadulieu-xacnhan does nothing', async () => {
    const bot = await createTestBot();
    await bot.start();
    const id = await bot.personId();
    await bot.start('xoadulieu-xacnhan');
    expect(await bot.store.persons.get(id)).toBeDefined();
  });

  it('/xoadulieu closes an open help request and forgets the chat it would relay to', async () => {
    const { communityBot, askForPerson } = await import('../community/support/communityBot.js');
    const bot = await communityBot();
    await bot.official('leader-tx', 'BT-BATRI-TANXUAN', 'team_leader');
    const citizen = bot.citizen('zalo-citizen-1');
    const ticket = await askForPerson(citizen, 'tan xuan', 'Không đăng nhập được VNeID');
    await citizen.command('dulieucuatoi');
    expect(citizen.lastText()).toContain('yêu cầu nhờ cán bộ hỗ trợ đang mở');
    await citizen.command('xoadulieu', 'xacnhan');
    const row = await bot.store.sql
      .selectFrom('handoff_ticket')
      .select(['status', 'topic', 'citizen_id', 'citizen_external_id'])
      .where('id', '=', ticket)
      .executeTakeFirst();
    expect(row).toEqual({ status: 'closed', topic: null, citizen_id: null, citizen_external_id: '' });
  });
});
