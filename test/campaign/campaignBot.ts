// A test bot with the campaign module on the real engine, the Bến Tre demo tree and demo
// statistics as of a fixed moment, and helpers to make a person an official.
import { createTestBot, type TestPerson } from '../support/harness.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import { grantRole } from '../../src/campaign/roles/repository.js';
import type { Role } from '../../src/campaign/roles/types.js';

export const DEMO_NOW = new Date('2023-12-08T15:00:00+07:00');

export async function campaignBot(now = DEMO_NOW) {
  const bot = await createTestBot({ now: () => now });
  seedDemoData(bot.db, now);
  const official = (externalId: string, unitCode: string, role: Role): TestPerson => {
    const person = bot.as(externalId);
    grantRole(bot.db, person.personId(), unitCode, role, now);
    // Registered by /dangky in an earlier conversation, which began with the privacy notice.
    bot.store.persons.markNoticed(person.personId());
    return person;
  };
  return Object.assign(bot, { official });
}
