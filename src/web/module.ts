// The chat side of the dashboard: /web gives an official a sign-in link; /web thoat signs
// out. Open sessions are listed in /dulieucuatoi; erasing the person deletes them with it.
import type { BotModule } from '../bot/module.js';
import type { Store } from '../store/index.js';
import { webCommand } from './webCommand.js';

export function createWebModule(deps: { store: Store; baseUrl: string | undefined; now: () => Date }): BotModule {
  return {
    name: 'web',
    // Not by deep link: it hands out access.
    commands: [{ name: 'web', handler: webCommand(deps.store, deps.baseUrl) }],
    personalData: {
      async describe(personId, tr) {
        const live = await deps.store.webSessions.liveSessions(personId, deps.now());
        return live > 0 ? [tr.t('web:personalData.sessions', { sessions: live })] : [];
      },
    },
  };
}
