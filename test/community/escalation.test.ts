// A request nobody takes is announced further up during office hours only: the team leader,
// then the level above. Outside office hours the citizen is told when someone will answer.
import { afterEach, describe, expect, it } from 'vitest';
import { askForPerson, communityBot, type CommunityBot } from './support/communityBot.js';
import { startHandoffJobs } from '../../src/community/jobs.js';
import { VirtualClock } from '../support/virtualClock.js';

let bot: CommunityBot;
afterEach(() => bot?.close());

const TAN_XUAN = 'BT-BATRI-TANXUAN';
const MINUTE = 60_000;

async function teamOf(b: CommunityBot) {
  const member = await b.official('thanh-vien', TAN_XUAN, 'team_member');
  const leader = await b.official('to-truong', TAN_XUAN, 'team_leader');
  const district = await b.official('to-huyen', 'BT-BATRI', 'team_leader');
  await leader.command('truc', `${TAN_XUAN} ${await member.personId()} on`);
  return { member, leader, district };
}

/** The handoff jobs, run by hand (runOnce) at the bot's own moment. */
function jobsOnBotClock(b: CommunityBot) {
  return startHandoffJobs({
    store: b.store,
    texts: b.runtime.texts,
    clock: { now: () => b.now(), sleep: () => new Promise(() => {}) },
    escalateAfterMinutes: 15,
  });
}

describe('escalation', () => {
  it('tells the team leader, then the district team, after each 15 office minutes untaken, once each', async () => {
    const start = new Date('2023-12-08T09:00:00+07:00');
    bot = await communityBot(start);
    const { member, leader, district } = await teamOf(bot);
    const id = await askForPerson(bot.citizen('nguoi-dan'), 'tan xuan', 'khong nhan duoc otp');
    expect(await bot.receivedText(member)).toContain(`yêu cầu số ${id}`);

    // The handoff job's loop is the one task sleeping on this clock.
    const clock = new VirtualClock(start.getTime(), { loops: 1 });
    const jobs = startHandoffJobs({ store: bot.store, texts: bot.runtime.texts, clock, escalateAfterMinutes: 15 });
    try {
      await clock.advance(14 * MINUTE);
      bot.setNow(clock.now());
      expect(await bot.received(leader)).toEqual([]);
      await clock.advance(2 * MINUTE);
      bot.setNow(clock.now());
      const toLeader = await bot.receivedText(leader);
      expect(toLeader).toContain(`⏰ Yêu cầu số ${id} của người dân ở xã Tân Xuân`);
      expect(toLeader).toContain('đã chờ 15 phút trong giờ làm việc');
      expect(await bot.received(district)).toEqual([]);
      await clock.advance(15 * MINUTE);
      bot.setNow(clock.now());
      expect(await bot.receivedText(district)).toContain(`⏰ Yêu cầu số ${id}`);
      // Reruns send nothing twice.
      expect(await jobs.runOnce()).toBe(0);
      expect(await bot.received(leader)).toEqual([]);
      // The district team leader may take it.
      await district.command('nhanhotro', String(id));
      expect(district.lastText()).toContain(`Anh/chị đã nhận yêu cầu số ${id}`);
    } finally {
      await jobs.stop();
    }
  });

  it('outside office hours tells the citizen when someone will answer, and waits for office time', async () => {
    const evening = new Date('2023-12-08T18:30:00+07:00');
    bot = await communityBot(evening);
    const { member, leader } = await teamOf(bot);
    const citizen = bot.citizen('nguoi-dan');
    const id = await askForPerson(citizen, 'tan xuan', 'can ho tro nop ho so');
    expect(citizen.lastText()).toContain('ngoài giờ làm việc');
    expect(citizen.lastText()).toContain('từ thứ Hai 11/12/2023 07:00');
    // Nobody is woken up in the evening.
    expect(await bot.received(member)).toEqual([]);
    const jobs = jobsOnBotClock(bot);
    try {
      bot.setNow(new Date('2023-12-11T07:00:00+07:00'));
      expect(await bot.receivedText(member)).toContain(`yêu cầu số ${id}`);
      bot.setNow(new Date('2023-12-11T07:10:00+07:00'));
      expect(await jobs.runOnce()).toBe(0);
      bot.setNow(new Date('2023-12-11T07:16:00+07:00'));
      expect(await jobs.runOnce()).toBe(1);
      expect(await bot.receivedText(leader)).toContain('đã chờ 16 phút trong giờ làm việc');
    } finally {
      await jobs.stop();
    }
  });

  it('tells a group whose notices failed to be queued at the next run, once', async () => {
    const start = new Date('2023-12-08T09:00:00+07:00');
    bot = await communityBot(start);
    const { leader } = await teamOf(bot);
    const id = await askForPerson(bot.citizen('nguoi-dan'), 'tan xuan', 'khong nhan duoc otp');
    const jobs = jobsOnBotClock(bot);
    try {
      bot.setNow(new Date('2023-12-08T09:16:00+07:00'));
      // The database fails just after the escalation was recorded, before its notice is queued.
      const enqueue = bot.store.outbox.enqueue.bind(bot.store.outbox);
      bot.store.outbox.enqueue = () => Promise.reject(new Error('connection reset'));
      await expect(jobs.runOnce()).rejects.toThrow('connection reset');
      bot.store.outbox.enqueue = enqueue;
      expect(await bot.received(leader)).toEqual([]);
      // The next run tells the leader after all, and a run after that tells nobody twice.
      bot.setNow(new Date('2023-12-08T09:17:00+07:00'));
      await jobs.runOnce();
      expect(await bot.receivedText(leader)).toContain(`⏰ Yêu cầu số ${id}`);
      expect(await jobs.runOnce()).toBe(0);
      expect(await bot.received(leader)).toEqual([]);
    } finally {
      await jobs.stop();
    }
  });

  it('stops at once when asked during a round, without sleeping out the interval', async () => {
    bot = await communityBot(new Date('2023-12-08T09:00:00+07:00'));
    // A clock whose sleep never ends: a loop that goes to sleep after stop() never returns.
    const jobs = startHandoffJobs({
      store: bot.store,
      texts: bot.runtime.texts,
      clock: { now: () => bot.now(), sleep: () => new Promise(() => {}) },
      escalateAfterMinutes: 15,
    });
    const stopped = await Promise.race([
      jobs.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still running'), 5000)),
    ]);
    expect(stopped).toBe('stopped');
  });
});
