// A bot on the Bến Tre demo tree whose clock the test moves, with officials on Telegram,
// citizens on Zalo, and a stand-in for the outbox sender that hands each person what the
// bot sent them on its own initiative (notices, relayed messages, the rating question).
import type { ChannelName, Reply } from '../../../src/bot/types.js';
import { createTestBot, type TestPerson } from '../../support/harness.js';
import { seedDemoData } from '../../../src/campaign/demo.js';
import type { Role } from '../../../src/campaign/roles/types.js';

/** A Friday afternoon, inside office hours. */
export const FRIDAY_AFTERNOON = new Date('2023-12-08T15:00:00+07:00');

export interface Delivered {
  channel: ChannelName;
  externalId: string;
  replies: Reply[];
}

export async function communityBot(start = FRIDAY_AFTERNOON, env: Record<string, string> = {}) {
  let now = start;
  const bot = await createTestBot({ now: () => now, env });
  await seedDemoData(bot.store, start);
  const mailbox = new Map<string, Reply[]>();

  const official = async (
    externalId: string,
    unitCode: string,
    role: Role,
    channel: ChannelName = 'telegram',
  ): Promise<TestPerson> => {
    const person = bot.as(externalId, channel);
    const id = await person.personId();
    await bot.store.roles.grantRole(id, unitCode, role, now);
    // Registered by /dangky in an earlier conversation, which began with the privacy notice.
    await bot.store.persons.markNoticed(id);
    return person;
  };
  const citizen = (externalId: string, channel: ChannelName = 'zalo'): TestPerson => bot.as(externalId, channel);

  /** Sends whatever the outbox holds that is due now. */
  const deliver = async (): Promise<Delivered[]> => {
    const sent = await bot.store.outbox.claimDue(now, 1000);
    for (const m of sent) {
      await bot.store.outbox.markSent(m.id, now);
      mailbox.set(m.externalId, [...(mailbox.get(m.externalId) ?? []), ...m.replies]);
    }
    return sent.map((m) => ({ channel: m.channel, externalId: m.externalId, replies: m.replies }));
  };

  /** What reached this person since the last look (delivering what is due first). */
  const received = async (person: TestPerson): Promise<Reply[]> => {
    await deliver();
    const replies = mailbox.get(person.externalId) ?? [];
    mailbox.delete(person.externalId);
    return replies;
  };
  const receivedText = async (person: TestPerson): Promise<string> => (await received(person)).map((r) => r.text).join('\n');

  return Object.assign(bot, {
    official,
    citizen,
    deliver,
    received,
    receivedText,
    now: () => now,
    setNow: (at: Date) => {
      now = at;
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  });
}

export type CommunityBot = Awaited<ReturnType<typeof communityBot>>;

/** Walks a citizen through asking for a person in a commune; returns the ticket number. */
export async function askForPerson(citizen: TestPerson, commune: string, topic: string): Promise<number> {
  await citizen.send('cho toi noi chuyen voi nguoi that');
  await citizen.send(commune);
  await citizen.send(topic);
  const match = /yêu cầu số (\d+)/.exec(citizen.lastText());
  if (!match) throw new Error(`no ticket opened: ${citizen.lastText()}`);
  return Number(match[1]);
}
