// The real engine with the real flows, texts and modules, on a fresh store (testStore.ts),
// as the server builds it (src/runtime.ts), plus a small campaign so /tiendo has figures.
// The flows' own checks are `npm run flows:check`'s job; here only the channel is under test.
import { Engine } from '../../../src/bot/engine.js';
import { loadConfig } from '../../../src/config.js';
import { loadFlows } from '../../../src/flows/loader.js';
import { Texts } from '../../../src/i18n/index.js';
import { createModules } from '../../../src/modules.js';
import type { Store } from '../../../src/store/index.js';
import { openTestStore } from '../../support/testStore.js';
import { CampaignDefinitionSchema } from '../../../src/campaign/definition/schema.js';
import type { ChannelName } from '../../../src/bot/types.js';
import type { Unit } from '../../../src/campaign/units/types.js';

export const TODAY = new Date('2023-12-20T03:00:00Z');

export interface RealBot {
  engine: Engine;
  store: Store;
  texts: Texts;
  /** Makes the person behind this identity the head of the province (may use /tiendo). */
  makeOfficial(channel: ChannelName, externalId: string): Promise<void>;
}

export async function realBot(): Promise<RealBot> {
  const config = loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' });
  const store = await openTestStore();
  const now = () => TODAY;
  const texts = Texts.load(config.DEFAULT_LOCALE);
  const { modules, settings } = createModules(config, store, now);
  const engine = new Engine({ store, texts, flows: loadFlows(), modules, settings, defaultLocale: config.DEFAULT_LOCALE, now });
  await seedCampaign(store);
  return {
    engine,
    store,
    texts,
    async makeOfficial(channel, externalId) {
      const { person } = await store.persons.findOrCreate({ channel, externalId }, 'vi');
      await store.roles.grantRole(person.id, 'BT', 'head', TODAY);
    },
  };
}

async function seedCampaign(store: Store): Promise<void> {
  const unit = (
    code: string,
    name: string,
    kind: Unit['kind'],
    parentCode?: string,
  ): { unit: Unit; predecessorCodes: string[] } => ({
    unit: { code, name, kind, ...(parentCode ? { parentCode } : {}), successorCodes: [] },
    predecessorCodes: [],
  });
  await store.units.saveUnits([
    unit('BT', 'Tỉnh Bến Tre', 'province'),
    unit('BT-BATRI', 'Huyện Ba Tri', 'district', 'BT'),
    unit('BT-CHAUTHANH', 'Huyện Châu Thành', 'district', 'BT'),
  ]);
  await store.campaigns.saveCampaign(
    CampaignDefinitionSchema.parse({
      id: 'bt-2023',
      root: 'BT',
      starts_on: '2023-12-01',
      ends_on: '2023-12-31',
      targets: { online: 50, payment: 30, digitization: 100 },
    }),
    TODAY,
  );
  const week = (unitCode: string, from: string, to: string, receivedTotal: number, receivedOnline: number) => ({
    unitCode,
    from,
    to,
    receivedTotal,
    receivedOnline,
    digitized: receivedTotal - 5,
    feeDossiers: 40,
    paidOnline: 10,
  });
  await store.statistics.saveStatistics(
    [
      week('BT-BATRI', '2023-12-04', '2023-12-10', 200, 80),
      week('BT-BATRI', '2023-12-11', '2023-12-17', 210, 110),
      week('BT-CHAUTHANH', '2023-12-04', '2023-12-10', 150, 90),
      week('BT-CHAUTHANH', '2023-12-11', '2023-12-17', 160, 100),
    ],
    TODAY,
  );
}
