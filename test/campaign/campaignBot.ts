import { Engine } from '../../src/bot/engine.js';
import { Texts } from '../../src/i18n/index.js';
import { openStore } from '../../src/store/index.js';
import { FIXTURE_FLOWS, CAPS } from '../support/fixtureEngine.js';
import { createCampaignModule } from '../../src/campaign/module.js';
import { seedDemoData } from '../../src/campaign/demo.js';
import { grantRole } from '../../src/campaign/roles/repository.js';
import type { Role } from '../../src/campaign/roles/types.js';
import { loadConfig } from '../../src/config.js';
import type { Reply } from '../../src/bot/types.js';
export const DEMO_NOW = new Date('2023-12-08T15:00:00+07:00');
export async function campaignBot(now = DEMO_NOW) {
  const store = openStore(':memory:');
  const engine = new Engine({ store, texts: Texts.load('vi'), flows: FIXTURE_FLOWS, modules: [createCampaignModule({ db: store.db, config: loadConfig({}) })], now: () => now });
  seedDemoData(store.db, now);
  const as = (externalId: string) => {
    let last: Reply[] = [];
    const turn = async (event: any) => (last = await engine.handle({ channel: 'terminal', externalId, event }, CAPS));
    return {
      get lastReplies() { return last; },
      command: (name: string, args = '') => turn({ kind: 'command', name, args }),
      tap: (label: string) => turn({ kind: 'choice', id: last.flatMap((r) => r.choices ?? []).find((c) => c.label === label)!.id }),
      lastText: () => last.map((r) => r.text).join('\n'),
      choiceLabels: () => last.flatMap((r) => r.choices ?? []).map((c) => c.label),
      personId: () => store.persons.findOrCreate({ channel: 'terminal', externalId }, 'vi').person.id,
    };
  };
  const main = as('tester');
  const cache = new Map<string, ReturnType<typeof as>>();
  const get = (id: string) => cache.get(id) ?? (cache.set(id, as(id)), cache.get(id)!);
  const official = (externalId: string, unitCode: string, role: Role) => { const p = get(externalId); grantRole(store.db, p.personId(), unitCode, role, now); return p; };
  return Object.assign(main, { db: store.db, as: get, official, close: () => store.close() });
}
