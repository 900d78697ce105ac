// The real bot with the campaign and reminders modules, the Bến Tre demo tree and demo
// campaign as of a fixed moment, and a helper to make a person an official.
import { createTestBot, type TestPerson } from '../support/harness.js';
import { createCampaignModule } from '../../src/campaign/module.js';
import { createRemindersModule } from '../../src/campaign/reminders/module.js';
import { createModules } from '../../src/modules.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import type { Role } from '../../src/campaign/roles/types.js';

export async function remindersBot(now: Date) {
  let current = now;
  const bot = await createTestBot({
    now: () => current,
    // The shipped modules, with the campaign and reminders modules added if not listed yet.
    modules: (config, store, clock) => {
      const shipped = createModules(config, store, clock).modules;
      const names = new Set(shipped.map((m) => m.name));
      return [
        ...shipped,
        ...(names.has('campaign') ? [] : [createCampaignModule({ store, config, now: clock })]),
        ...(names.has('reminders') ? [] : [createRemindersModule({ store })]),
      ];
    },
  });
  await seedDemoData(bot.store, now);
  const official = async (externalId: string, unitCode: string, role: Role): Promise<TestPerson> => {
    const person = bot.as(externalId);
    const id = await person.personId();
    await bot.store.roles.grantRole(id, unitCode, role, now);
    // Registered by /dangky in an earlier conversation, which began with the privacy notice.
    await bot.store.persons.markNoticed(id);
    return person;
  };
  return Object.assign(bot, {
    official,
    /** Moves the bot's clock (the engine reads it on every turn). */
    setNow: (moment: Date) => {
      current = moment;
    },
  });
}
