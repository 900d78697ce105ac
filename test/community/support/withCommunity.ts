// Until the composition root lists the community module, tests add it the same way the root
// would. Once the root lists it, this changes nothing.
import type * as Modules from '../../../src/modules.js';
import { createCommunityModule } from '../../../src/community/module.js';

export function withCommunity(real: typeof Modules): typeof Modules {
  return {
    ...real,
    createModules: (config, store, now) => {
      const set = real.createModules(config, store, now);
      if (set.modules.some((m) => m.name === 'community')) return set;
      return { ...set, modules: [...set.modules, createCommunityModule({ db: store.db, store, config, now })] };
    },
  };
}
