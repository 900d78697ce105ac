// A test bot with the campaign module on the real engine, the Bến Tre demo tree and demo
// statistics as of a fixed moment, and helpers to make a person an official.
import { createTestBot, type TestPerson } from '../support/harness.js';
import { createCampaignModule } from '../../src/campaign/module.js';
import { createModules } from '../../src/modules.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import { grantRole } from '../../src/campaign/roles/repository.js';
import type { Role } from '../../src/campaign/roles/types.js';

export const DEMO_NOW = new Date('2023-12-08T15:00:00+07:00');

export async function campaignBot(now = DEMO_NOW) {
  const bot = await createTestBot({
    now: () => now,
    // The bot's own modules, with the campaign module added if the composition root does
    // not list it yet.
    modules: (config, store, clock) => {
      const shipped = createModules(config, store, clock).modules;
      return shipped.some((m) => m.name === 'campaign')
        ? shipped
        : [...shipped, createCampaignModule({ db: store.db, config, now: clock })];
    },
  });
  seedDemoData(bot.db, now);
  const official = (externalId: string, unitCode: string, role: Role): TestPerson => {
    const person = bot.as(externalId);
    grantRole(bot.db, person.personId(), unitCode, role, now);
    return person;
  };
  return Object.assign(bot, { official });
}
