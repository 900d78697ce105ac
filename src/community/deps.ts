// What every part of the community module works with, built once per module.
import type { Db } from '../store/database.js';
import type { Store } from '../store/index.js';
import type { Texts } from '../i18n/index.js';
import { type RelationOf, relationsFrom } from '../campaign/access.js';
import { HandoffTickets } from './tickets.js';
import { TeamRoster } from './roster.js';
import { HandoffMessenger } from './messenger.js';
import { HouseholdCoverage } from './coverage.js';
import type { CommunitySettings } from './settings.js';

export interface CommunityServices {
  db: Db;
  store: Store;
  texts: Texts;
  settings: CommunitySettings;
  tickets: HandoffTickets;
  roster: TeamRoster;
  coverage: HouseholdCoverage;
  messenger: HandoffMessenger;
  relationOf: RelationOf;
}

export function communityServices(store: Store, texts: Texts, settings: CommunitySettings): CommunityServices {
  return {
    db: store.db,
    store,
    texts,
    settings,
    tickets: new HandoffTickets(store.db),
    roster: new TeamRoster(store.db),
    coverage: new HouseholdCoverage(store.db),
    messenger: new HandoffMessenger(store, texts),
    relationOf: relationsFrom(store.db),
  };
}
