// Until the composition root lists the guides module, tests add it the same way the root
// would: the module plus its text settings. Once the root lists it, this changes nothing.
import type * as Modules from '../../../src/modules.js';
import { createGuidesModule } from '../../../src/guides/module.js';
import { guideTextVars, parseGuideSettings } from '../../../src/guides/settings.js';

export function withGuides(real: typeof Modules): typeof Modules {
  return {
    ...real,
    createModules: (config, store, now) => {
      const set = real.createModules(config, store, now);
      if (set.modules.some((m) => m.name === 'guides')) return set;
      const settings = parseGuideSettings(config.env);
      return {
        modules: [...set.modules, createGuidesModule({ db: store.db, settings })],
        settings: { ...set.settings, ...guideTextVars(settings) },
      };
    },
  };
}
