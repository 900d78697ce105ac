// The campaign module: /tiendo for officials, /dangky to redeem an invite, /moi and /thuhoi
// to invite officials and withdraw their roles, and the statistics export sent as a file.
import type { BotModule } from '../bot/module.js';
import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import { tiendo } from './progress/tiendoCommand.js';
import { dangky } from './roles/dangkyCommand.js';
import { moi } from './roles/moiCommand.js';
import { rolesPersonalData } from './roles/personalData.js';
import { thuhoi } from './roles/thuhoiCommand.js';
import { statisticsFileInterceptor } from './statistics/chatImport.js';

export interface CampaignModuleDeps {
  store: Store;
  config: Config;
  now?: () => Date;
}

export function createCampaignModule(deps: CampaignModuleDeps): BotModule {
  return {
    name: 'campaign',
    commands: [
      { name: 'tiendo', handler: tiendo(deps.store), deepLink: true },
      { name: 'dangky', handler: dangky(deps.store), deepLink: true },
      // Not by link: both change who holds a role.
      { name: 'moi', handler: moi({ store: deps.store, telegramBotUsername: deps.config.TELEGRAM_BOT_USERNAME }) },
      { name: 'thuhoi', handler: thuhoi(deps.store) },
    ],
    intercept: statisticsFileInterceptor(deps.store),
    personalData: rolesPersonalData(deps.store),
  };
}
