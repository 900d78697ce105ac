// The campaign module: /tiendo for officials and /dangky to redeem an invite.
import type { BotModule } from '../bot/module.js';
import type { Config } from '../config.js';
import type { Db } from '../store/database.js';
import { tiendo } from './progress/tiendoCommand.js';
import { dangky } from './roles/dangkyCommand.js';
import { rolesPersonalData } from './roles/personalData.js';

export interface CampaignModuleDeps {
  db: Db;
  config: Config;
  now?: () => Date;
}

export function createCampaignModule(deps: CampaignModuleDeps): BotModule {
  return {
    name: 'campaign',
    commands: [
      { name: 'tiendo', handler: tiendo(deps.db), deepLink: true },
      { name: 'dangky', handler: dangky(deps.db), deepLink: true },
    ],
    personalData: rolesPersonalData(deps.db),
  };
}
