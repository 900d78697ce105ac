// A test bot with the campaign module on the real engine, the Bến Tre demo tree and demo
// statistics as of a fixed moment, and helpers to make a person an official.
import { createTestBot, type TestBot, type TestPerson } from '../support/harness.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import type { Role } from '../../src/campaign/roles/types.js';

export const DEMO_NOW = new Date('2023-12-08T15:00:00+07:00');

/** Makes a person of the bot an official of a unit, as a /dangky in an earlier conversation would have. */
export function officialMaker(bot: TestBot, now: () => Date) {
  return async (externalId: string, unitCode: string, role: Role): Promise<TestPerson> => {
    const person = bot.as(externalId);
    const id = await person.personId();
    await bot.store.roles.grantRole(id, unitCode, role, now());
    // Registered by /dangky in an earlier conversation, which began with the privacy notice.
    await bot.store.persons.markNoticed(id);
    return person;
  };
}

export async function campaignBot(now = DEMO_NOW) {
  const bot = await createTestBot({ now: () => now });
  await seedDemoData(bot.store, now);
  return Object.assign(bot, { official: officialMaker(bot, () => now) });
}
