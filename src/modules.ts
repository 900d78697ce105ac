// The domain modules plugged into the engine, and the settings they expose to flow texts.
import type { BotModule } from './bot/module.js';
import type { Config } from './config.js';
import type { Store } from './store/index.js';
import { createCampaignModule } from './campaign/module.js';
import { createReportsModule } from './campaign/reports/module.js';
import { createRemindersModule } from './campaign/reminders/module.js';
import { createCommunityModule } from './community/module.js';
import { createGuidesModule } from './guides/module.js';
import { guideTextVars, parseGuideSettings } from './guides/settings.js';
import { createPrivacyModule } from './privacy/module.js';
import { createWebModule } from './web/module.js';
import { parseWebSettings } from './web/settings.js';

export interface ModuleSet {
  modules: BotModule[];
  settings: Record<string, string>;
}

export function createModules(config: Config, store: Store, now: () => Date): ModuleSet {
  const guideSettings = parseGuideSettings(config.env);
  const modules: BotModule[] = [
    createCampaignModule({ store, config, now }),
    createGuidesModule({ store, settings: guideSettings, consent: store.consent }),
    createReportsModule({ store, config, now }),
    createRemindersModule({ store, now }),
    createCommunityModule({ store, config, now }),
    createWebModule({ store, baseUrl: parseWebSettings(config).baseUrl, now }),
  ];
  const privacy = createPrivacyModule({
    store,
    sections: () => modules.flatMap((m) => (m.personalData ? [m.personalData] : [])),
    ...(config.PRIVACY_NOTICE_URL ? { privacyNoticeUrl: config.PRIVACY_NOTICE_URL } : {}),
  });
  return {
    modules: [...modules, privacy],
    settings: {
      ...guideTextVars(guideSettings),
      ...(config.PRIVACY_NOTICE_URL ? { privacy_notice_url: config.PRIVACY_NOTICE_URL } : {}),
    },
  };
}
