// The domain modules plugged into the engine, and the settings they expose to flow texts.
import type { BotModule } from './bot/module.js';
import type { Config } from './config.js';
import type { Store } from './store/index.js';

export interface ModuleSet {
  modules: BotModule[];
  settings: Record<string, string>;
}

export function createModules(_config: Config, _store: Store, _now: () => Date): ModuleSet {
  return { modules: [], settings: {} };
}
