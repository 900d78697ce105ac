// What a request for a person keeps about the citizen: while open, the one-line topic and
// the chat to relay to. Erasure closes an open request and forgets the chat; the request
// itself stays counted for the commune, with nobody behind it.
import type { PersonalDataSection } from '../bot/module.js';
import type { Store } from '../store/index.js';

export function handoffPersonalData(store: Pick<Store, 'tickets'>): PersonalDataSection {
  return {
    async describe(personId, tr) {
      const { open, closed } = await store.tickets.countsOf(personId);
      const lines: string[] = [];
      if (open > 0) lines.push(tr.t('privacy:data.openRequest'));
      if (closed > 0) lines.push(tr.t('privacy:data.pastRequests', { count: closed }));
      return lines;
    },
    async erase(personId) {
      await store.tickets.forgetCitizen(personId, new Date());
    },
  };
}
