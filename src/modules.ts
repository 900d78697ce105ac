// The domain modules plugged into the engine, and the settings they expose to flow texts.
import type { BotModule } from './bot/module.js';
import type { Config } from './config.js';
import type { Store } from './store/index.js';
import { createCampaignModule } from './campaign/module.js';
import { createGuidesModule } from './guides/module.js';
import { guideTextVars, parseGuideSettings } from './guides/settings.js';

export interface ModuleSet {
  modules: BotModule[];
  settings: Record<string, string>;
}

export function createModules(config: Config, store: Store, now: () => Date): ModuleSet {
  const guideSettings = parseGuideSettings(config.env);
  return {
    modules: [createCampaignModule({ db: store.db, config, now }), createGuidesModule({ db: store.db, settings: guideSettings })],
    settings: { ...guideTextVars(guideSettings) },
  };
}
