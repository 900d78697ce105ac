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
    await bot.command('quyenriengtu');
    await bot.tap('Chọn từng mục');
    expect(bot.lastText()).toMatch(/^Việc 1/);
    expect(bot.choiceLabels().slice(0, 2)).toEqual(['Đồng ý', 'Không đồng ý']);
    // Nothing is recorded until the person answers.
    expect(await consent.decisions(bot.personId())).toEqual([]);
    await bot.tap('Không đồng ý');
    expect(bot.lastText()).toMatch(/Việc 2/);
    await bot.tap('Đồng ý');
    expect(await consent.granted(bot.personId(), 'reminders')).toBe(false);
    expect(await consent.granted(bot.personId(), 'outcome_stats')).toBe(true);
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
    expect(bot.db.prepare("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'person.data_viewed'").get()).toEqual({ n: 1 });
  });

  it("/xoadulieu asks first, then deletes the person at once but keeps the unit's submitted report", async () => {
    const b = await reportsBot(BEFORE_DEADLINE);
    const reporter = await b.official('r-erase', 'BT-BATRI-TANMY', 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    for (const answer of ['12', '5', 'không', 'không']) await reporter.send(answer);
    await reporter.tap('Gửi báo cáo');
    const personId = reporter.personId();

    await reporter.command('xoadulieu');
    expect(reporter.lastText()).toMatch(/không hoàn tác được/);
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM person WHERE id = ?').get(personId)).toEqual({ n: 1 });
    await reporter.tap('Có, xóa dữ liệu');
    expect(reporter.lastText()).toMatch(/Đã xóa dữ liệu/);

    const count = (sql: string) => (b.db.prepare(sql).get(personId) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM person WHERE id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM channel_identity WHERE person_id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM person_role WHERE person_id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM conversation WHERE person_id = ?')).toBe(0);
    const report = b.db
      .prepare(
        "SELECT r.unit_code, v.submitted_by FROM unit_report r JOIN unit_report_version v ON v.report_id = r.id WHERE r.unit_code = 'BT-BATRI-TANMY'",
      )
      .get() as { unit_code: string; submitted_by: number | null };
    expect(report).toEqual({ unit_code: 'BT-BATRI-TANMY', submitted_by: null });
    const audit = b.db.prepare("SELECT subject FROM audit_event WHERE action = 'person.data_deleted'").all();
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
      bot.db.prepare('SELECT * FROM household_coverage').all(),
      bot.db.prepare('SELECT * FROM audit_event').all(),
    ]);
    expect(stored).not.toContain('079123456789');
  });

  it('a link cannot erase a person: /start xoadulieu-xacnhan does nothing', async () => {
    const bot = await createTestBot();
    await bot.start();
    const id = bot.personId();
    await bot.start('xoadulieu-xacnhan');
    expect(bot.db.prepare('SELECT COUNT(*) AS n FROM person WHERE id = ?').get(id)).toEqual({ n: 1 });
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
    const row = bot.db
      .prepare('SELECT status, topic, citizen_id, citizen_external_id FROM handoff_ticket WHERE id = ?')
      .get(ticket);
    expect(row).toEqual({ status: 'closed', topic: null, citizen_id: null, citizen_external_id: '' });
  });
});
