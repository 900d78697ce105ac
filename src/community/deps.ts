// What every part of the community module works with, built once per module.
import type { Store } from '../store/index.js';
import type { Texts } from '../i18n/index.js';
import type { RelationOf } from '../campaign/access.js';
import { HandoffMessenger } from './messenger.js';
import type { CommunitySettings } from './settings.js';

export interface CommunityServices {
  store: Store;
  texts: Texts;
  settings: CommunitySettings;
  tickets: Store['tickets'];
  roster: Store['roster'];
  coverage: Store['households'];
  messenger: HandoffMessenger;
  relationOf: RelationOf;
}

export function communityServices(store: Store, texts: Texts, settings: CommunitySettings): CommunityServices {
  return {
    store,
    texts,
    settings,
    tickets: store.tickets,
    roster: store.roster,
    coverage: store.households,
    messenger: new HandoffMessenger(store, texts),
    relationOf: (from, to) => store.units.relationOf(from, to),
  };
}
