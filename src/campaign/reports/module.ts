// The reports module: /baocao's form actions (flows/baocao.yaml) and /tonghop.
import { reportsPersonalData } from './personalData.js';
import type { BotModule } from '../../bot/module.js';
import type { Config } from '../../config.js';
import { Texts } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import { createReportForm } from './form.js';
import { tonghop } from './tonghopCommand.js';

export interface ReportsModuleDeps {
  store: Store;
  config: Config;
  now?: () => Date;
}

export function createReportsModule(deps: ReportsModuleDeps): BotModule {
  // Reminders are written in each recipient's own language, not the sender's.
  const texts = Texts.load(deps.config.DEFAULT_LOCALE);
  return {
    name: 'reports',
    commands: [{ name: 'tonghop', handler: tonghop({ store: deps.store, texts }) }],
    actions: createReportForm({ store: deps.store }),
    personalData: reportsPersonalData(deps.store),
  };
}
