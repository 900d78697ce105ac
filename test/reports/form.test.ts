import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BEFORE_DEADLINE, DEMO_NOW, reportsBot } from './reportsBot.js';
import { testDatabase } from '../support/testStore.js';

const COMMUNE = 'BT-BATRI-TANMY';
const WEEK = '2023-12-08';
const weekPeriod = {
  kind: 'weekly' as const,
  deadlineDay: WEEK,
  from: '2023-12-01',
  to: '2023-12-07',
  deadline: new Date('2023-12-08T10:00:00+07:00'),
  compileDeadline: new Date('2023-12-08T17:00:00+07:00'),
};

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function bot(now = BEFORE_DEADLINE) {
  const b = await reportsBot(now);
  cleanup.push(() => b.close());
  return b;
}

/** Types the answers to the questions after the system's figures were accepted. */
async function fillTheRest(p: { send(t: string): Promise<unknown> }) {
  await p.send('12');
  await p.send('5');
  await p.send('Thiếu máy quét để số hóa hồ sơ');
  await p.send('không');
}

describe('/baocao: a commune reporter files the weekly report', () => {
  it('confirms the system figures, answers four questions and sends, in seven messages', async () => {
    const b = await bot();
    const reporter = await b.official('r1', COMMUNE, 'reporter');
    const imported = (await b.store.reports.importedCountsFor(COMMUNE, weekPeriod))!;
    let messages = 0;
    const count = <T>(x: T) => (messages++, x);

    await count(reporter.command('baocao'));
    // Thursday 7/12: the system's figures reach the period's last day, so they are offered.
    expect(reporter.lastText()).toContain('Số liệu hệ thống của đơn vị cho cả kỳ (đến hết ngày 07/12/2023)');
    expect(reporter.lastText()).toContain(`Hồ sơ tiếp nhận: ${imported.receivedTotal.toLocaleString('vi-VN')}`);
    await count(reporter.tap('Đúng, dùng các số này'));
    expect(reporter.lastText()).toContain('Câu 6/9');
    expect(reporter.lastText()).toContain('kích hoạt VNeID');
    await count(reporter.send('12'));
    await count(reporter.send('5'));
    await count(reporter.send('Thiếu máy quét để số hóa hồ sơ'));
    expect(reporter.lastText()).toContain('đề xuất');
    await count(reporter.send('không'));
    expect(reporter.lastText()).toContain('Xin kiểm tra lại trước khi gửi');
    expect(reporter.lastText()).toContain('Khó khăn, vướng mắc: Thiếu máy quét');
    expect(reporter.lastText()).toContain('Đề xuất, kiến nghị: không có');
    await count(reporter.tap('Gửi báo cáo'));
    expect(reporter.lastText()).toContain('✅ Đã gửi báo cáo tuần 01/12/2023 – 07/12/2023 của Xã Tân Mỹ');
    expect(reporter.lastText()).toContain('thứ Sáu 08/12/2023 17:00');
    expect(reporter.lastText()).not.toContain('nộp muộn');
    expect(messages).toBeLessThan(10);

    const report = (await b.store.reports.reportOf(COMMUNE, 'weekly', WEEK))!;
    expect(report.late).toBe(false);
    expect(report.latest.figures).toEqual({
      ...imported,
      accountsHelped: 12,
      paymentsHelped: 5,
      difficulties: 'Thiếu máy quét để số hóa hồ sơ',
      proposals: '',
    });
    expect((await b.store.reports.reportStatusForWeek(WEEK)).get(COMMUNE)).toEqual({
      submittedAt: BEFORE_DEADLINE.toISOString(),
      late: false,
    });
    const audit = (await b.store.audit.since(new Date(0))).filter((e) => e.action.startsWith('report.'));
    expect(audit).toMatchObject([
      { action: 'report.submitted', unitCode: COMMUNE, actorId: await reporter.personId(), subject: `weekly:${WEEK}` },
    ]);
  });

  it("on a Monday, says the system's figures stop short of the period and does not offer them as the period's", async () => {
    // Monday 4/12: the period due Friday 8/12 is Friday 1/12 to Thursday 7/12; the system has
    // figures up to today only.
    const b = await bot(new Date('2023-12-04T10:00:00+07:00'));
    const reporter = await b.official('r-monday', COMMUNE, 'reporter');
    await reporter.command('baocao');
    const text = reporter.lastText();
    expect(text).toContain('Báo cáo tuần 01/12/2023 – 07/12/2023 của Xã Tân Mỹ (hạn thứ Sáu 08/12/2023 10:00)');
    expect(text).toContain('Số liệu hệ thống mới có đến hết ngày 04/12/2023, chưa đủ cả kỳ (đến 07/12/2023)');
    expect(reporter.choiceLabels()).not.toContain('Đúng, dùng các số này');
    // The first question asks for the whole period, with nothing offered to keep.
    expect(text).toContain('Câu 1/9');
    expect(text).not.toMatch(/Hệ thống ghi nhận [\d.]+ — đúng không/);
  });

  it('types every figure when the reporter corrects the system figures, Vietnamese-style numbers accepted', async () => {
    const b = await bot();
    const reporter = await b.official('r1', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Sửa từng số');
    expect(reporter.lastText()).toMatch(/Hệ thống ghi nhận [\d.]+ — đúng không\?/);
    await reporter.send('1.020');
    await reporter.send('đúng'); // keeps the system's online figure
    await reporter.send('1 000');
    await reporter.send('600');
    await reporter.send('200');
    await fillTheRest(reporter);
    await reporter.tap('Gửi báo cáo');
    const imported = (await b.store.reports.importedCountsFor(COMMUNE, weekPeriod))!;
    expect((await b.store.reports.reportOf(COMMUNE, 'weekly', WEEK))!.latest.figures).toMatchObject({
      receivedTotal: 1020,
      receivedOnline: imported.receivedOnline,
      digitized: 1000,
      feeDossiers: 600,
      paidOnline: 200,
    });
  });

  it('refuses people who hold no reporting role on a unit that reports', async () => {
    const b = await bot();
    const citizen = b.person('citizen');
    await citizen.command('baocao');
    expect(citizen.lastText()).toContain('dành cho cán bộ báo cáo');
    const teamLeader = await b.official('t1', COMMUNE, 'team_leader');
    await teamLeader.command('baocao');
    expect(teamLeader.lastText()).toContain('dành cho cán bộ báo cáo');
    // Refused means nothing begun: no report, no form left half-open.
    expect(await b.store.reports.reportOf(COMMUNE, 'weekly', WEEK)).toBeUndefined();
    expect((await b.store.conversations.get(await teamLeader.personId()))?.flowId).not.toBe('baocao');
  });
});

describe('/baocao: every answer is checked as it is typed', () => {
  async function atFirstQuestion() {
    const b = await bot();
    const reporter = await b.official('r1', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Sửa từng số');
    return { b, reporter };
  }

  it('says what to fix for a word, a negative, a decimal and a comma-grouped number, then asks again', async () => {
    const { reporter } = await atFirstQuestion();
    await reporter.send('nhiều lắm');
    expect(reporter.lastText()).toContain('«nhiều lắm» không phải là một số');
    expect(reporter.lastText()).toContain('Câu 1/9');
    await reporter.send('-5');
    expect(reporter.lastText()).toContain('không thể là số âm');
    await reporter.send('12,5');
    expect(reporter.lastText()).toContain('một số nguyên');
    await reporter.send('1,020');
    expect(reporter.lastText()).toContain('dấu phẩy dùng cho số thập phân');
    await reporter.send('1.020');
    expect(reporter.lastText()).toContain('Câu 2/9');
  });

  it('refuses more online, digitised or fee dossiers than dossiers received, and more paid than with fees', async () => {
    const { reporter } = await atFirstQuestion();
    await reporter.send('100');
    await reporter.send('150');
    expect(reporter.lastText()).toContain('Số hồ sơ trực tuyến (150) không thể lớn hơn tổng số hồ sơ tiếp nhận (100)');
    expect(reporter.lastText()).toContain('Câu 2/9');
    await reporter.send('40');
    await reporter.send('500');
    expect(reporter.lastText()).toContain('Số hồ sơ đã số hóa (500) không thể lớn hơn tổng số hồ sơ tiếp nhận (100)');
    await reporter.send('80');
    await reporter.send('130');
    expect(reporter.lastText()).toContain('Số hồ sơ có phí, lệ phí (130) không thể lớn hơn tổng số hồ sơ tiếp nhận (100)');
    await reporter.send('30');
    await reporter.send('31');
    expect(reporter.lastText()).toContain('Số hồ sơ thanh toán trực tuyến (31) không thể lớn hơn số hồ sơ có phí, lệ phí (30)');
    await reporter.send('10');
    expect(reporter.lastText()).toContain('Câu 6/9');
  });

  it('warns about an implausible jump against last week, and lets the reporter keep or retype it', async () => {
    const b = await bot(new Date('2023-12-01T09:00:00+07:00'));
    const reporter = await b.official('r1', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    await fillTheRest(reporter);
    await reporter.tap('Gửi báo cáo');
    const lastWeek = (await b.store.reports.reportOf(COMMUNE, 'weekly', '2023-12-01'))!.latest.figures.receivedTotal;

    // The system holds nothing yet for the new week: every figure is typed.
    b.setNow(BEFORE_DEADLINE);
    await reporter.command('baocao');
    await reporter.send(String(lastWeek * 10 + 100));
    expect(reporter.lastText()).toContain(`chênh lệch nhiều so với tuần trước (${lastWeek})`);
    await reporter.tap('Nhập lại');
    expect(reporter.lastText()).toContain('Câu 1/9');
    await reporter.send(String(lastWeek * 10 + 100));
    await reporter.tap('Đúng, giữ số này');
    expect(reporter.lastText()).toContain('Câu 2/9');
  });

  it('asks again for an empty difficulty and accepts "không" as none', async () => {
    const { b, reporter } = await atFirstQuestion();
    void b;
    for (const n of ['100', '50', '50', '40', '20', '3', '2']) await reporter.send(n);
    expect(reporter.lastText()).toContain('Câu 8/9');
    expect(reporter.lastText()).toContain('gõ «không»');
    await reporter.send('Không');
    expect(reporter.lastText()).toContain('Câu 9/9');
  });
});

describe('/baocao: drafts, corrections and late reports', () => {
  it('keeps a form left half-way across a restart and offers to continue or start over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reports-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const database = await testDatabase(join(dir, 'bot.sqlite'));
    const first = await reportsBot(BEFORE_DEADLINE, { database });
    const reporter = await first.official('r1', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Sửa từng số');
    await reporter.send('300');
    await reporter.send('120');
    await first.close();

    const second = await reportsBot(BEFORE_DEADLINE, { database, seed: false });
    cleanup.push(
      () => second.close(),
      () => database.drop(),
    );
    const again = second.person('r1');
    // The conversation itself survived: the next answer goes on where it stopped.
    await again.send('200');
    expect(again.lastText()).toContain('Câu 4/9');
    // Leaving for the menu and coming back offers the draft.
    await again.command('menu');
    await again.command('baocao');
    expect(again.lastText()).toContain('đang làm dở (đã trả lời 3/9 câu)');
    await again.tap('Làm tiếp');
    expect(again.lastText()).toContain('Câu 4/9');
    await again.command('baocao');
    await again.tap('Làm lại từ đầu');
    expect(again.lastText()).toContain('Số liệu hệ thống của đơn vị cho cả kỳ');
  });

  it('lets the reporter correct a sent report; every version is kept and the latest counts', async () => {
    const b = await bot();
    const reporter = await b.official('r1', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    await fillTheRest(reporter);
    await reporter.tap('Gửi báo cáo');

    b.setNow(new Date('2023-12-08T14:00:00+07:00'));
    await reporter.command('baocao');
    expect(reporter.lastText()).toContain('đã gửi báo cáo tuần 01/12/2023 – 07/12/2023 lúc thứ Năm 07/12/2023 09:00 (lần 1)');
    await reporter.tap('Sửa báo cáo');
    expect(reporter.lastText()).toContain('Xin kiểm tra lại trước khi gửi');
    await reporter.tap('Sửa một mục');
    await reporter.tap(/^Người được hỗ trợ dùng tài khoản VNeID: 12$/);
    expect(reporter.lastText()).toContain('Đang ghi: 12');
    await reporter.send('20');
    await reporter.tap('Gửi báo cáo');
    expect(reporter.lastText()).toContain('(lần 2)');

    const versions = await b.store.reports.versionsOf(COMMUNE, 'weekly', WEEK);
    expect(versions.map((v) => [v.version, v.figures.accountsHelped])).toEqual([
      [1, 12],
      [2, 20],
    ]);
    const report = (await b.store.reports.reportOf(COMMUNE, 'weekly', WEEK))!;
    expect(report.latest.figures.accountsHelped).toBe(20);
    // Filed on time the first time: a correction after 10:00 does not make it late.
    expect(report.late).toBe(false);
    const actions = (await b.store.audit.since(new Date(0))).map((e) => e.action).filter((a) => a.startsWith('report.'));
    expect(actions).toEqual(['report.submitted', 'report.corrected']);
  });

  it('keeps no second version when a "correction" changes nothing, and says so', async () => {
    const b = await bot();
    const reporter = await b.official('r-same', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    await fillTheRest(reporter);
    await reporter.tap('Gửi báo cáo');

    await reporter.command('baocao');
    await reporter.tap('Sửa báo cáo');
    await reporter.tap('Gửi báo cáo');
    expect(reporter.lastText()).toContain('không khác bản đã gửi');
    expect(reporter.lastText()).not.toContain('(lần 2)');
    expect(await b.store.reports.versionsOf(COMMUNE, 'weekly', WEEK)).toHaveLength(1);
    const actions = (await b.store.audit.since(new Date(0))).map((e) => e.action).filter((a) => a.startsWith('report.'));
    expect(actions).toEqual(['report.submitted']);
  });

  it('lets the reporter lower the total of a sent report and re-enter the counts that no longer fit, in one pass', async () => {
    const b = await bot();
    const reporter = await b.official('r-total', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Sửa từng số');
    for (const answer of ['120', '22', '100', '50', '20']) await reporter.send(answer);
    await fillTheRest(reporter);
    await reporter.tap('Gửi báo cáo');
    const before = (await b.store.reports.reportOf(COMMUNE, 'weekly', WEEK))!.latest.figures;
    expect(before.receivedOnline).toBe(22);

    await reporter.command('baocao');
    await reporter.tap('Sửa báo cáo');
    await reporter.tap('Sửa một mục');
    await reporter.tap(/^Hồ sơ tiếp nhận: /);
    // Below what was given as online, digitised and with fees: accepted, and those are asked again.
    await reporter.send('10');
    const told = reporter.lastText();
    expect(told).not.toMatch(/không thể lớn hơn/);
    expect(told).toMatch(/Hồ sơ tiếp nhận mới là 10/);
    expect(reporter.lastText()).toMatch(/trực tuyến/i);
    // 5 with fees is below the 20 paid online given before: that one is asked again too.
    for (const answer of ['4', '9', '5', '2']) await reporter.send(answer);
    expect(reporter.lastText()).toContain('Xin kiểm tra lại trước khi gửi');
    await reporter.tap('Gửi báo cáo');
    expect(reporter.lastText()).toContain('(lần 2)');

    const after = (await b.store.reports.reportOf(COMMUNE, 'weekly', WEEK))!.latest.figures;
    expect([after.receivedTotal, after.receivedOnline, after.digitized, after.feeDossiers, after.paidOnline]).toEqual([
      10, 4, 9, 5, 2,
    ]);
    // What did not depend on the total is kept as it was.
    expect(after.accountsHelped).toBe(before.accountsHelped);
    expect(after.difficulties).toBe(before.difficulties);
  });

  it('accepts a report after the deadline, marks it late and says so', async () => {
    const b = await bot(DEMO_NOW); // Friday 15:00, after the 10:00 deadline
    const reporter = await b.official('r1', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    await fillTheRest(reporter);
    expect(reporter.lastText()).toContain('Đã quá hạn báo cáo');
    await reporter.tap('Gửi báo cáo');
    expect(reporter.lastText()).toContain('được ghi là nộp muộn');
    expect((await b.store.reports.reportStatusForWeek(WEEK)).get(COMMUNE)).toEqual({
      submittedAt: DEMO_NOW.toISOString(),
      late: true,
    });
  });

  it('opens the next week once the compile deadline has passed', async () => {
    const b = await bot();
    const reporter = await b.official('r1', COMMUNE, 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    await fillTheRest(reporter);
    await reporter.tap('Gửi báo cáo');
    b.setNow(new Date('2023-12-08T17:30:00+07:00'));
    await reporter.command('baocao');
    expect(reporter.lastText()).toContain('tuần 08/12/2023 – 14/12/2023');
  });
});
