import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReminderScheduler, type ReminderScheduler } from '../../src/campaign/reminders/scheduler.js';
import { Texts } from '../../src/i18n/index.js';
import { VirtualClock } from '../support/virtualClock.js';
import { at, iso, openSmallCampaign, outboxRows, type SmallCampaign } from './smallCampaign.js';
import { testDatabase, type TestDatabase } from '../support/testStore.js';

const texts = Texts.load('vi');
const quiet = { info: () => {}, warn: () => {} };
const MINUTE = 60_000;
const dirs: string[] = [];
const databases: TestDatabase[] = [];
const open: { campaign: SmallCampaign; scheduler: ReminderScheduler }[] = [];

afterEach(async () => {
  for (const { campaign, scheduler } of open.splice(0)) {
    await scheduler.stop();
    await campaign.close();
  }
  for (const database of databases.splice(0)) await database.drop();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A database the test opens again after a restart: a SQLite file in `dir`, or its own PostgreSQL database. */
async function keptDatabase(dir: string, file: string): Promise<TestDatabase> {
  const database = await testDatabase(join(dir, file));
  databases.push(database);
  return database;
}

function start(campaign: SmallCampaign, clock: VirtualClock): ReminderScheduler {
  const scheduler = startReminderScheduler({ store: campaign.store, texts, clock, logger: quiet });
  open.push({ campaign, scheduler });
  return scheduler;
}

/** Runs the scheduler once a virtual minute until `until`, doing what `events` say on the way. */
async function runUntil(
  scheduler: ReminderScheduler,
  clock: VirtualClock,
  until: Date,
  events: Record<string, () => Promise<void>> = {},
): Promise<void> {
  const pending = new Map(Object.entries(events).map(([local, action]) => [at(local).getTime(), action]));
  while (clock.now() < until) {
    await pending.get(clock.now().getTime())?.();
    await scheduler.runOnce();
    await clock.advance(MINUTE);
  }
}

/** Who has been filing what in the test week: the department on Thursday, B before, A after the deadline. */
const WEEK_EVENTS = (c: SmallCampaign) => ({
  '2023-12-07T10:00': () => c.fileReport('P-TTTT', at('2023-12-07T10:00')),
  '2023-12-07T15:00': () => c.fileReport('P-SO', at('2023-12-07T15:00')),
  '2023-12-08T09:00': () => c.fileReport('P-D1-B', at('2023-12-08T09:00')),
  '2023-12-08T10:30': () => c.fileReport('P-D1-A', at('2023-12-08T10:30')),
});

const key = (rule: string, person: number, channel = 'telegram', deadline = 'report') =>
  `${rule}:${person}:thu-nghiem/${deadline}/2023-12-08:${channel}`;

describe('a campaign week of reminders', () => {
  it('reminds the units that have not reported, at the right times, and escalates at the deadlines', async () => {
    const campaign = await openSmallCampaign();
    const clock = new VirtualClock(at('2023-12-07T06:00').getTime());
    const scheduler = start(campaign, clock);
    await runUntil(scheduler, clock, at('2023-12-09T12:00'), WEEK_EVENTS(campaign));

    const rows = await outboxRows(campaign.store);
    const { reporterA, reporterB, headD1, compiler, teamLeader } = campaign.people;
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect([...byKey.keys()].sort()).toEqual(
      [
        // Thursday 09:00: the community team of Xã An, which has not reported yet.
        key('team-day-before', teamLeader),
        // Thursday 16:00: the units still to report (Sở Y tế reported at 15:00, Sở TT&TT in the morning).
        key('day-before', reporterA),
        key('day-before', reporterA, 'zalo_bot'),
        key('day-before', reporterB),
        key('day-before', headD1),
        // Friday 08:00, two hours before.
        key('two-hours-before', reporterA),
        key('two-hours-before', reporterA, 'zalo_bot'),
        key('two-hours-before', reporterB),
        key('two-hours-before', headD1),
        // Friday 10:05: Xã Bình reported at 09:00, so only Xã An and Huyện Một are late.
        key('overdue', reporterA),
        key('overdue', reporterA, 'zalo_bot'),
        key('overdue', headD1),
        key('head-missing', headD1),
        // Friday 17:00: Xã An reported late at 10:30, Huyện Một never did.
        key('compiler-missing', compiler, 'telegram', 'compile'),
      ].sort(),
    );

    const dayBefore = byKey.get(key('day-before', reporterA))!;
    expect(dayBefore).toMatchObject({
      externalId: 'reporterA@telegram',
      purpose: 'reminder',
      notBefore: iso('2023-12-07T16:00'),
      expiresAt: iso('2023-12-08T10:00'),
      createdAt: iso('2023-12-07T16:00'),
    });
    expect(dayBefore.text).toContain('thứ Sáu 08/12/2023 10:00');
    expect(dayBefore.text).toContain('Xã An');
    expect(dayBefore.replies[0]!.choices?.map((c) => c.id)).toEqual(['/baocao', '/nhacnho']);
    expect(byKey.get(key('day-before', reporterA, 'zalo_bot'))!.externalId).toBe('reporterA@zalo_bot');
    expect(byKey.get(key('day-before', headD1))!.text).toContain('Huyện Một');
    expect(byKey.get(key('day-before', headD1))!.text).not.toContain('Xã An');

    expect(byKey.get(key('two-hours-before', reporterB))).toMatchObject({
      notBefore: iso('2023-12-08T08:00'),
      expiresAt: iso('2023-12-08T10:00'),
    });

    const overdue = byKey.get(key('overdue', reporterA))!;
    expect(overdue).toMatchObject({ notBefore: iso('2023-12-08T10:05'), expiresAt: iso('2023-12-08T17:00') });
    expect(overdue.text).toContain('Đã quá hạn');

    const headMissing = byKey.get(key('head-missing', headD1))!;
    expect(headMissing).toMatchObject({ purpose: 'escalation', notBefore: iso('2023-12-08T10:05') });
    expect(headMissing.text).toMatch(/Còn 2 đơn vị chưa gửi báo cáo:\n• Huyện Một\n• Xã An\n/);

    const compilerMissing = byKey.get(key('compiler-missing', compiler, 'telegram', 'compile'))!;
    expect(compilerMissing).toMatchObject({
      purpose: 'escalation',
      notBefore: iso('2023-12-08T17:00'),
      expiresAt: iso('2023-12-09T17:00'),
    });
    expect(compilerMissing.text).toContain('Còn 1 đơn vị chưa gửi báo cáo (hạn gửi là thứ Sáu 08/12/2023 10:00):\n• Huyện Một');
    expect(compilerMissing.text).not.toContain('Xã An');
  });

  it('sends a person who refused reminders only the essential notices', async () => {
    const campaign = await openSmallCampaign();
    await campaign.store.consent.decide(campaign.people.reporterB, 'reminders', false, at('2023-12-01T08:00'));
    const clock = new VirtualClock(at('2023-12-07T06:00').getTime());
    const scheduler = start(campaign, clock);
    await runUntil(scheduler, clock, at('2023-12-08T12:00'));
    const keys = (await outboxRows(campaign.store)).map((r) => r.key);
    expect(keys).not.toContain(key('day-before', campaign.people.reporterB));
    expect(keys).not.toContain(key('two-hours-before', campaign.people.reporterB));
    expect(keys).toContain(key('overdue', campaign.people.reporterB));
    expect(keys).toContain(key('day-before', campaign.people.reporterA));
  });

  it('sends nothing in quiet hours: what falls due then is queued for their end, or dropped once it no longer matters', async () => {
    // Quiet until 08:30, and a units' deadline at 09:00: the 07:00 reminder waits for 08:30,
    // and the overdue notice that would fall at 21:05 waits for the next morning.
    const campaign = await openSmallCampaign({
      definition: {
        quiet_hours: { from: '21:00', to: '08:30' },
        deadlines: { weekly_report: { weekday: 'friday', time: '09:00' }, compile: { weekday: 'saturday', time: '17:00' } },
        reminders: {
          rules: [
            {
              id: 'two-hours-before',
              kind: 'reminder',
              to: { role: 'reporter' },
              deadline: 'report',
              offset: { minutes: -120 },
              message: 'hoursBefore',
            },
            {
              id: 'late-evening',
              kind: 'reminder',
              to: { role: 'reporter' },
              deadline: 'report',
              offset: { minutes: 725 },
              message: 'overdue',
              essential: true,
            },
            {
              id: 'night-before',
              kind: 'reminder',
              to: { role: 'reporter' },
              deadline: 'report',
              offset: { days: -1, at: '23:00' },
              message: 'dayBefore',
            },
          ],
        },
      },
    });
    const clock = new VirtualClock(at('2023-12-07T06:00').getTime());
    const scheduler = start(campaign, clock);
    await runUntil(scheduler, clock, at('2023-12-09T12:00'));

    const rows = (await outboxRows(campaign.store)).filter((r) => r.channel === 'telegram');
    const reporterB = campaign.people.reporterB;
    const hoursBefore = rows.find((r) => r.key === key('two-hours-before', reporterB));
    expect(hoursBefore).toMatchObject({
      notBefore: iso('2023-12-08T08:30'),
      createdAt: iso('2023-12-08T08:30'),
      expiresAt: iso('2023-12-08T09:00'),
    });
    const lateEvening = rows.find((r) => r.key === key('late-evening', reporterB));
    expect(lateEvening).toMatchObject({
      notBefore: iso('2023-12-09T08:30'),
      createdAt: iso('2023-12-09T08:30'),
      expiresAt: iso('2023-12-09T17:00'),
    });
    // 23:00 the night before goes quiet until 08:30, when the 09:00 deadline is still ahead.
    expect(rows.find((r) => r.key === key('night-before', reporterB))).toMatchObject({ notBefore: iso('2023-12-08T08:30') });
    for (const row of rows) {
      const hour = Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' }).format(
          new Date(row.notBefore),
        ),
      );
      expect(hour >= 21 || hour < 8, `${row.key} at ${row.notBefore}`).toBe(false);
      expect(row.createdAt >= row.notBefore).toBe(true);
    }
  });

  it('drops a reminder whose quiet-hours wait would take it past its deadline', async () => {
    const campaign = await openSmallCampaign({
      definition: {
        deadlines: { weekly_report: { weekday: 'friday', time: '06:30' }, compile: { weekday: 'friday', time: '17:00' } },
        reminders: {
          rules: [
            {
              id: 'two-hours-before',
              kind: 'reminder',
              to: { role: 'reporter' },
              deadline: 'report',
              offset: { minutes: -120 },
              message: 'hoursBefore',
            },
          ],
        },
      },
    });
    const clock = new VirtualClock(at('2023-12-08T03:00').getTime());
    await runUntil(start(campaign, clock), clock, at('2023-12-08T12:00'));
    expect(await outboxRows(campaign.store)).toEqual([]);
  });

  it('enqueues nothing twice when the scheduler restarts in the middle of the week', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reminders-'));
    dirs.push(dir);
    const database = await keptDatabase(dir, 'bot.sqlite');

    // Straight through, on its own database, for comparison.
    const straight = await openSmallCampaign({ database: await keptDatabase(dir, 'straight.sqlite') });
    const straightClock = new VirtualClock(at('2023-12-07T06:00').getTime());
    await runUntil(start(straight, straightClock), straightClock, at('2023-12-09T12:00'), WEEK_EVENTS(straight));

    // The same week, stopped on Friday at 10:07 and started again from Friday 09:30 (a clock
    // set back, or the same minute handled twice), on the same database.
    const first = await openSmallCampaign({ database });
    const clock1 = new VirtualClock(at('2023-12-07T06:00').getTime());
    const scheduler1 = startReminderScheduler({ store: first.store, texts, clock: clock1, logger: quiet });
    await runUntil(scheduler1, clock1, at('2023-12-08T10:07'), WEEK_EVENTS(first));
    await scheduler1.stop();
    const beforeRestart = await outboxRows(first.store);
    await first.close();

    const second = await openSmallCampaign({ database, fresh: false });
    const clock2 = new VirtualClock(at('2023-12-08T09:30').getTime());
    const scheduler2 = start(second, clock2);
    let queuedAgain = 0;
    while (clock2.now() < at('2023-12-08T10:07')) {
      queuedAgain += await scheduler2.runOnce();
      await clock2.advance(MINUTE);
    }
    expect(queuedAgain).toBe(0);
    await runUntil(scheduler2, clock2, at('2023-12-09T12:00'), {
      '2023-12-08T10:30': () => second.fileReport('P-D1-A', at('2023-12-08T10:30')),
    });

    const after = await outboxRows(second.store);
    expect(after.slice(0, beforeRestart.length)).toEqual(beforeRestart);
    const shape = (rows: typeof after) => rows.map((r) => [r.key, r.notBefore, r.expiresAt, r.text]).sort();
    expect(shape(after)).toEqual(shape(await outboxRows(straight.store)));
  });

  it('catches up after downtime with what still matters, and skips what has expired', async () => {
    const campaign = await openSmallCampaign();
    const clock = new VirtualClock(at('2023-12-07T06:00').getTime());
    const scheduler = start(campaign, clock);
    await runUntil(scheduler, clock, at('2023-12-08T07:55'));
    // Down from 07:55 to 10:30: the 08:00 reminder has lost its point, the 10:05 ones have not.
    await clock.advance(at('2023-12-08T10:30').getTime() - clock.now().getTime());
    expect(await scheduler.runOnce()).toBeGreaterThan(0);

    const keys = (await outboxRows(campaign.store)).map((r) => r.key);
    expect(keys.filter((k) => k.startsWith('two-hours-before'))).toEqual([]);
    const overdue = (await outboxRows(campaign.store)).find((r) => r.key === key('overdue', campaign.people.reporterB))!;
    expect(overdue).toMatchObject({ notBefore: iso('2023-12-08T10:05'), createdAt: iso('2023-12-08T10:30') });
  });

  it('sends no half-written message when a rule names a text that does not exist, and says so once in the log', async () => {
    const campaign = await openSmallCampaign({
      definition: {
        reminders: {
          rules: [
            {
              id: 'typo',
              kind: 'reminder',
              to: { role: 'reporter' },
              deadline: 'report',
              offset: { minutes: -120 },
              message: 'hoursBefor',
            },
          ],
        },
      },
    });
    const warnings: string[] = [];
    const clock = new VirtualClock(at('2023-12-08T08:00').getTime());
    const scheduler = startReminderScheduler({
      store: campaign.store,
      texts,
      clock,
      logger: { info: () => {}, warn: (_obj, msg) => warnings.push(msg ?? '') },
    });
    open.push({ campaign, scheduler });
    await runUntil(scheduler, clock, at('2023-12-08T08:10'));
    expect(await outboxRows(campaign.store)).toEqual([]);
    expect(warnings).toEqual(['reminder rule names a message missing from locales/*/reminders.json']);
  });
});
