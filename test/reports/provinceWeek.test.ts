// A province's real week, as a transcript on a virtual clock (Bến Tre 2023 demo tree): the
// compiler sends the statistics export by chat on Monday and again on Thursday evening; the
// team leader and the reporter are reminded on Thursday; the district head taps "remind
// everyone" at 23:05 and nothing leaves before 07:00; the reporter files at 09:50 with the
// system's figures for the whole period; the head is told at 10:05 who is still missing;
// at 17:00 the compiler gets the list and /tonghop agrees with /tiendo.
import { afterEach, describe, expect, it } from 'vitest';
import { startReminderScheduler } from '../../src/campaign/reminders/scheduler.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import type { OutboundChannel } from '../../src/jobs/outbound.js';
import type { Reply } from '../../src/bot/types.js';
import { TELEGRAM_CAPABILITIES } from '../../src/channels/telegram/channel.js';
import { VirtualClock } from '../support/virtualClock.js';
import { remindersBot } from '../reminders/remindersBot.js';
import type { Role } from '../../src/campaign/roles/types.js';

const at = (local: string) => new Date(`${local}:00+07:00`);
const quiet = { info: () => {}, warn: () => {} };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const HEADER =
  'Mã đơn vị,Tên đơn vị,Từ ngày,Đến ngày,Tổng hồ sơ tiếp nhận,Tiếp nhận trực tuyến,Hồ sơ số hóa,Hồ sơ có phí,Thanh toán trực tuyến';
/** Xã Tân Mỹ's days in the provincial system's export: 10 dossiers a day, 6 online. */
const exportOf = (days: string[]) => [HEADER, ...days.map((d) => `BT-BATRI-TANMY,Xã Tân Mỹ,${d},${d},10,6,9,4,2`)].join('\n');

interface Delivered {
  chat: string;
  at: string;
  text: string;
}

describe("a province's week", () => {
  it('runs from Monday’s import to Friday’s compilation, across quiet hours', async () => {
    const clock = new VirtualClock(at('2023-12-11T09:00').getTime());
    const b = await remindersBot(clock.now());
    cleanup.push(() => b.close());
    // Officials registered earlier on Telegram, the channel that can send files.
    const official = async (id: string, unit: string, role: Role) => {
      const person = b.as(id, 'telegram');
      const personId = await person.personId();
      await b.store.roles.grantRole(personId, unit, role, clock.now());
      await b.store.persons.markNoticed(personId);
      return person;
    };
    const reporter = await official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await official('reporter-anduc', 'BT-BATRI-ANDUC', 'reporter');
    await official('team-tanmy', 'BT-BATRI-TANMY', 'team_leader');
    const head = await official('head-batri', 'BT-BATRI', 'head');
    const compiler = await official('compiler', 'BT-SO-TTTT', 'compiler');

    const delivered: Delivered[] = [];
    const telegram: OutboundChannel = {
      channel: 'telegram',
      limits: { perSecond: 30, perChatIntervalMs: 1000 },
      deliver: async (chat: string, replies: Reply[]) => {
        delivered.push({ chat, at: clock.now().toISOString(), text: replies.map((r) => r.text).join('\n') });
        return { kind: 'sent' };
      },
    };
    const scheduler = startReminderScheduler({ store: b.store, texts: b.runtime.texts, clock, logger: quiet });
    cleanup.push(() => scheduler.stop());
    const worker = new OutboxWorker({ outbox: b.store.outbox, channels: [telegram], clock });
    const sendFile = (name: string, text: string) =>
      b.runtime.engine.handle(
        {
          channel: 'telegram',
          externalId: 'compiler',
          event: {
            kind: 'media',
            mediaKind: 'file',
            file: { name, size: text.length, download: async () => new TextEncoder().encode(text) },
          },
        },
        TELEGRAM_CAPABILITIES,
      );
    /** Runs the jobs every five minutes up to `until`, the bot's clock following. */
    const runUntil = async (until: string) => {
      while (clock.now() < at(until)) {
        b.setNow(clock.now());
        await scheduler.runOnce();
        await clock.run(worker.runOnce());
        await clock.advance(5 * 60_000);
      }
      b.setNow(clock.now());
    };
    const to = (chat: string) => delivered.filter((d) => d.chat === chat);

    // Monday 09:00: the export so far (Friday to Sunday of this period).
    const monday = await sendFile('thong-ke-11-12.csv', exportOf(['2023-12-08', '2023-12-09', '2023-12-10']));
    expect(monday.map((r) => r.text).join('\n')).toMatch(/3/);
    await reporter.command('baocao');
    expect(reporter.lastText()).toContain('Báo cáo tuần 08/12/2023 – 14/12/2023 của Xã Tân Mỹ (hạn thứ Sáu 15/12/2023 10:00)');
    expect(reporter.lastText()).toMatch(
      /Số liệu hệ thống mới có đến hết ngày 1[01]\/12\/2023, chưa đủ cả kỳ \(đến 14\/12\/2023\)/,
    );
    await reporter.command('huy');

    // Thursday: the team leader at 09:00, the reporters at 16:00; the rest of the export at 18:00.
    await runUntil('2023-12-14T18:00');
    expect(to('team-tanmy').map((d) => d.at)).toEqual([at('2023-12-14T09:00').toISOString()]);
    expect(to('team-tanmy')[0]!.text).toContain('Xã Tân Mỹ');
    expect(to('reporter-tanmy').map((d) => d.at)).toEqual([at('2023-12-14T16:00').toISOString()]);
    await sendFile('thong-ke-14-12.csv', exportOf(['2023-12-11', '2023-12-12', '2023-12-13', '2023-12-14']));

    // 23:05: the district head reminds every missing commune; nothing goes before 07:00.
    await runUntil('2023-12-14T23:05');
    await head.command('tonghop', 'nhac BT-BATRI');
    expect(head.lastText()).toContain('07:00');
    expect(head.lastText()).toMatch(/Xã Tân Mỹ \(Huyện Ba Tri\)/);
    await runUntil('2023-12-15T09:50');
    const night = delivered.filter(
      (d) => d.at > at('2023-12-14T21:00').toISOString() && d.at < at('2023-12-15T07:00').toISOString(),
    );
    expect(night).toEqual([]);
    // Sent when the quiet hours end, paced: within the first minute after 07:00.
    const morning = (d: Delivered) => d.at >= at('2023-12-15T07:00').toISOString() && d.at < at('2023-12-15T07:01').toISOString();
    expect(
      to('reporter-anduc')
        .filter(morning)
        .map((d) => d.text),
    ).toEqual([expect.stringContaining('Xã An Đức chưa gửi báo cáo')]);

    // 09:50: the reporter files with the system's figures, which now cover the whole period.
    await reporter.command('baocao');
    expect(reporter.lastText()).toContain('Số liệu hệ thống của đơn vị cho cả kỳ (đến hết ngày 14/12/2023)');
    await reporter.tap('Đúng, dùng các số này');
    for (const answer of ['3', '1', 'không', 'không']) await reporter.send(answer);
    await reporter.tap('Gửi báo cáo');
    const report = (await b.store.reports.reportOf('BT-BATRI-TANMY', 'weekly', '2023-12-15'))!;
    expect(report.late).toBe(false);
    expect([report.latest.figures.receivedTotal, report.latest.figures.receivedOnline]).toEqual([70, 42]);

    // 10:05: the late reporter is told, the head gets the list without Tân Mỹ.
    await runUntil('2023-12-15T10:10');
    expect(
      to('reporter-anduc').some(
        (d) => d.at.startsWith(at('2023-12-15T10:05').toISOString().slice(0, 16)) && /quá hạn/.test(d.text),
      ),
    ).toBe(true);
    expect(to('reporter-tanmy').filter((d) => d.at >= at('2023-12-15T10:00').toISOString())).toEqual([]);
    const headList = to('head-batri').find(
      (d) => d.at.startsWith(at('2023-12-15T10:05').toISOString().slice(0, 16)) && /chưa gửi báo cáo/.test(d.text),
    )!;
    expect(headList.text).toContain('Xã An Đức');
    expect(headList.text).not.toContain('Xã Tân Mỹ');

    // 16:55: the compiler's /tonghop for the week, whose campaign-to-date agrees with /tiendo.
    await runUntil('2023-12-15T16:55');
    await compiler.command('tiendo', 'BT');
    const tiendoOnline = /Hồ sơ trực tuyến: [^\n]*?(\d+,\d%)/.exec(compiler.lastText())?.[1];
    await compiler.command('tonghop', 'BT');
    const tonghop = compiler.lastText();
    expect(tonghop).toContain('Tổng hợp báo cáo tuần 08/12/2023 – 14/12/2023');
    expect(tonghop).toMatch(/Đã báo cáo 1\//);
    const since = tonghop.slice(tonghop.indexOf('Lũy kế từ đầu chiến dịch'));
    expect(/Hồ sơ trực tuyến: (\d+,\d%)/.exec(since)?.[1]).toBe(tiendoOnline);
    // 17:00: the compiler's list of the units still missing.
    await runUntil('2023-12-15T17:05');
    const list = to('compiler').find((d) => d.at.startsWith(at('2023-12-15T17:00').toISOString().slice(0, 16)));
    // 182 reporting units, one of which filed.
    expect(list?.text).toContain('Còn 181 đơn vị chưa gửi báo cáo');
  }, 60_000);
});
