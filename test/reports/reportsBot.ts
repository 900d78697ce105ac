// A test bot for reports: the real bot (every module, the /baocao flow) on the Bến Tre
// demo tree and demo statistics, people on Telegram, and a clock the test can move.
import type { Role } from '../../src/campaign/roles/types.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import { createTestBot, type TestPerson } from '../support/harness.js';
import type { TestDatabase } from '../support/testStore.js';

export const DEMO_NOW = new Date('2023-12-08T15:00:00+07:00');
/** Before the 10:00 deadline of the demo's current week (Friday 08/12/2023). */
export const BEFORE_DEADLINE = new Date('2023-12-07T09:00:00+07:00');

export type ReportsPerson = TestPerson;

export async function reportsBot(start: Date = DEMO_NOW, options: { database?: TestDatabase; seed?: boolean } = {}) {
  let now = start;
  const base = await createTestBot({ now: () => now, ...(options.database ? { database: options.database } : {}) });
  if (options.seed !== false) await seedDemoData(base.store, start);
  const person = (externalId: string): ReportsPerson => base.as(externalId, 'telegram');
  const official = async (externalId: string, unitCode: string, role: Role): Promise<ReportsPerson> => {
    const p = person(externalId);
    const id = await p.personId();
    await base.store.roles.grantRole(id, unitCode, role, now);
    // Registered by /dangky in an earlier conversation, which began with the privacy notice.
    await base.store.persons.markNoticed(id);
    return p;
  };
  return {
    store: base.store,
    person,
    official,
    setNow: (moment: Date) => {
      now = moment;
    },
    close: () => base.close(),
  };
}
