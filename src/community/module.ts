// The community teams as a bot module: a citizen asks for a person and gets one of their
// commune's team, relayed across channels until either side ends it; team leaders set who
// is on duty and record household coverage by chat.
import type { BotModule } from '../bot/module.js';
import type { Config } from '../config.js';
import { Texts } from '../i18n/index.js';
import type { Store } from '../store/index.js';
import { closeCommand, rateCommand } from './closeCommand.js';
import { communityServices } from './deps.js';
import { handoffActions } from './flowActions.js';
import { householdCommand } from './householdCommand.js';
import { relayInterceptor } from './relay.js';
import { rosterCommand } from './rosterCommand.js';
import { parseCommunitySettings } from './settings.js';
import { handoffPersonalData } from './personalData.js';
import { takeCommand } from './takeCommand.js';

export interface CommunityModuleDeps {
  store: Store;
  config: Config;
  now?: () => Date;
  /** Texts for messages to the other side, in their language (default: loaded from locales/). */
  texts?: Texts;
}

export function createCommunityModule(deps: CommunityModuleDeps): BotModule {
  const texts = deps.texts ?? Texts.load(deps.config.DEFAULT_LOCALE);
  const services = communityServices(deps.store, texts, parseCommunitySettings(deps.config.env));
  return {
    name: 'community',
    commands: [
      { name: 'nhanhotro', handler: takeCommand(services) },
      { name: 'ketthuc', handler: closeCommand(services) },
      { name: 'danhgia', handler: rateCommand(services) },
      { name: 'truc', handler: rosterCommand(services) },
      { name: 'hogiadinh', handler: householdCommand(services) },
    ],
    actions: handoffActions(services),
    intercept: relayInterceptor(services),
    personalData: handoffPersonalData(deps.store),
  };
}
