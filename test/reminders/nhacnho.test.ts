import { afterEach, describe, expect, it } from 'vitest';
import { createRemindersModule } from '../../src/campaign/reminders/module.js';
import { parseNhacnhoArgs } from '../../src/campaign/reminders/nhacnhoCommand.js';
import { startReminderScheduler } from '../../src/campaign/reminders/scheduler.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import type { OutboundChannel } from '../../src/jobs/outbound.js';
import type { Reply } from '../../src/bot/types.js';
import { VirtualClock } from '../support/virtualClock.js';
import { remindersBot } from './remindersBot.js';

/** Friday 8 December 2023, 15:00: the demo campaign's fourth week is over, the fifth is next. */
const FRIDAY = new Date('2023-12-08T15:00:00+07:00');
const at = (local: string) => new Date(`${local}+07:00`);
const quiet = { info: () => {}, warn: () => {} };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function bot() {
  const b = await remindersBot(FRIDAY);
  cleanup.push(() => b.close());
  return b;
}

describe('/nhacnho', () => {
  it('shows a reporter the coming reminders to the minute, with the deadline they are about', async () => {
    const b = await bot();
    const reporter = await b.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await reporter.command('nhacnho');
    const text = reporter.lastText();
    expect(text).toContain('Nhắc nhở của anh/chị trong 7 ngày tới:');
    const lines = text.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toEqual([
      '• thứ Năm 14/12/2023 16:00: nhắc gửi báo cáo tuần của Xã Tân Mỹ (hạn thứ Sáu 15/12/2023 10:00)',
      '• thứ Sáu 15/12/2023 08:00: nhắc gửi báo cáo tuần của Xã Tân Mỹ (hạn thứ Sáu 15/12/2023 10:00)',
      '• thứ Sáu 15/12/2023 10:05: nhắc gửi báo cáo tuần của Xã Tân Mỹ (hạn thứ Sáu 15/12/2023 10:00)',
    ]);
    expect(text).toContain('Trợ lý không gửi tin nhắn từ 21:00 đến 07:00');
    expect(reporter.choiceLabels()).toEqual(['🔕 Tạm dừng 7 ngày', '🔕 Tạm dừng đến khi bật lại']);
  });

  it('shows a team leader and a member of a commune team the team reminder, with its date, on the shipped unit list', async () => {
    const b = await bot();
    for (const [who, role] of [
      ['leader-tanmy', 'team_leader'],
      ['member-tanmy', 'team_member'],
    ] as const) {
      const person = await b.official(who, 'BT-BATRI-TANMY', role);
      await person.command('nhacnho');
      const text = person.lastText();
      expect(text, role).not.toContain('không có nhắc nhở nào');
      expect(text, role).toContain(
        '• thứ Năm 14/12/2023 09:00: nhắc gửi báo cáo tuần của Xã Tân Mỹ (hạn thứ Sáu 15/12/2023 10:00)',
      );
    }
  });

  it('shows a head whose unit has a reporter only the list of missing reports, not the reporter’s reminders', async () => {
    const b = await bot();
    await b.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    const head = await b.official('head-tanmy', 'BT-BATRI-TANMY', 'head');
    await head.command('nhacnho');
    const lines = head
      .lastText()
      .split('\n')
      .filter((l) => l.startsWith('• '));
    expect(lines).toEqual(['• thứ Sáu 15/12/2023 10:05: danh sách đơn vị chưa gửi báo cáo tuần (hạn thứ Sáu 15/12/2023 10:00)']);
  });

  it('pauses the optional reminders for a week: they are marked, not sent, and the essential ones still go', async () => {
    const b = await bot();
    const reporter = await b.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await reporter.command('nhacnho');
    await reporter.tap('🔕 Tạm dừng 7 ngày');
    expect(reporter.lastText()).toBe(
      'Đã tạm dừng các nhắc nhở không bắt buộc đến thứ Sáu 15/12/2023 15:00. Nhắc nhở bắt buộc vẫn được gửi.',
    );

    await reporter.command('nhacnho');
    const lines = reporter
      .lastText()
      .split('\n')
      .filter((l) => l.startsWith('• '));
    expect(lines.map((l) => l.endsWith('(đang tạm dừng)'))).toEqual([true, true, false]);
    expect(reporter.lastText()).toContain('đang tạm dừng đến thứ Sáu 15/12/2023 15:00');
    expect(reporter.choiceLabels()).toEqual(['🔔 Bật lại nhắc nhở']);

    const clock = new VirtualClock(at('2023-12-14T16:00').getTime());
    const scheduler = startReminderScheduler({ store: b.store, texts: b.runtime.texts, clock, logger: quiet });
    cleanup.push(() => scheduler.stop());
    const reporterId = await reporter.personId();
    const keysFor = async () => {
      const queued = b.store.sql.selectFrom('outbox_message').select('idempotency_key').where('person_id', '=', reporterId);
      return (await queued.orderBy('id').execute()).map((r) => r.idempotency_key.split(':')[0]);
    };
    await scheduler.runOnce();
    await clock.advance(at('2023-12-15T08:00').getTime() - clock.now().getTime());
    await scheduler.runOnce();
    expect(await keysFor()).toEqual([]);
    await clock.advance(5 * 60_000 + 2 * 3_600_000);
    await scheduler.runOnce();
    expect(await keysFor()).toEqual(['overdue']);
  });

  it('lists a pause among what the bot keeps about the person', async () => {
    const b = await bot();
    const reporter = await b.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    const section = createRemindersModule({ store: b.store, now: () => FRIDAY }).personalData!;
    const tr = b.runtime.texts.for('vi');
    const reporterId = await reporter.personId();
    expect(await section.describe(reporterId, tr)).toEqual([]);
    await reporter.command('nhacnho', 'tamdung 7');
    expect(await section.describe(reporterId, tr)).toEqual([
      'Anh/chị đã tạm dừng nhắc nhở không bắt buộc từ thứ Sáu 08/12/2023 15:00 đến thứ Sáu 15/12/2023 15:00.',
    ]);
  });

  it('turns reminders back on', async () => {
    const b = await bot();
    const reporter = await b.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await reporter.command('nhacnho', 'tạm dừng');
    expect(reporter.lastText()).toContain('cho đến khi anh/chị bật lại');
    await reporter.tap('🔔 Bật lại nhắc nhở');
    expect(reporter.lastText()).toBe('Đã bật lại tất cả nhắc nhở.');
    await reporter.command('nhacnho');
    expect(reporter.lastText()).not.toContain('tạm dừng)');
    expect(reporter.lastText()).toContain('Tất cả nhắc nhở đang bật.');
  });

  it('tells a person who is not an official how to become one', async () => {
    const b = await bot();
    const citizen = b.as('citizen');
    await citizen.command('nhacnho');
    expect(citizen.lastText()).toContain('/dangky');
  });

  it('speaks English to a person who chose English', async () => {
    const b = await bot();
    const reporter = await b.official('reporter-en', 'BT-BATRI-TANMY', 'reporter');
    await b.store.persons.setLocale(await reporter.personId(), 'en');
    await reporter.command('nhacnho');
    expect(reporter.lastText()).toContain('Your reminders for the next 7 days:');
    expect(reporter.lastText()).toContain(
      '• Thursday, 14/12/2023 16:00: reminder to file the weekly report of Xã Tân Mỹ (due Friday, 15/12/2023 10:00)',
    );
  });

  it('explains its usage when the words after it are not understood', async () => {
    const b = await bot();
    const reporter = await b.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await reporter.command('nhacnho', 'tắt hết');
    expect(reporter.lastText()).toContain('/nhacnho tamdung 7');
  });

  it('reads the pause words with or without diacritics', () => {
    expect(parseNhacnhoArgs('')).toEqual({ kind: 'show' });
    expect(parseNhacnhoArgs('Tạm dừng 7')).toEqual({ kind: 'pause', days: 7 });
    expect(parseNhacnhoArgs('tamdung')).toEqual({ kind: 'pause' });
    expect(parseNhacnhoArgs('bật lại')).toEqual({ kind: 'resume' });
    expect(parseNhacnhoArgs('tamdung 0')).toEqual({ kind: 'unknown' });
    expect(parseNhacnhoArgs('tamdung 61')).toEqual({ kind: 'unknown' });
    expect(parseNhacnhoArgs('tamdung -1')).toEqual({ kind: 'unknown' });
  });
});

describe('a reminder in the middle of a conversation', () => {
  it('arrives as a message of its own and leaves the conversation where it was', async () => {
    const b = await bot();
    const reporter = await b.official('reporter-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await reporter.start();
    const reporterId = await reporter.personId();
    const before = await b.store.conversations.get(reporterId);
    expect(before).toBeDefined();

    const clock = new VirtualClock(at('2023-12-14T16:00').getTime());
    const scheduler = startReminderScheduler({ store: b.store, texts: b.runtime.texts, clock, logger: quiet });
    cleanup.push(() => scheduler.stop());
    expect(await scheduler.runOnce()).toBeGreaterThan(0);
    const delivered: { chat: string; replies: Reply[] }[] = [];
    const terminal: OutboundChannel = {
      channel: 'terminal',
      limits: { perSecond: 30, perChatIntervalMs: 1000 },
      deliver: async (chat, replies) => {
        delivered.push({ chat, replies });
        return { kind: 'sent' };
      },
    };
    await clock.run(new OutboxWorker({ outbox: b.store.outbox, channels: [terminal], clock }).runOnce());

    expect(delivered.filter((d) => d.chat === 'reporter-tanmy').map((d) => d.replies[0]!.text.split('\n')[0])).toEqual([
      '⏰ Nhắc việc: hạn gửi báo cáo tuần là thứ Sáu 15/12/2023 10:00.',
    ]);
    expect(await b.store.conversations.get(reporterId)).toEqual(before);
  });
});
