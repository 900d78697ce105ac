// What the engine itself keeps about a person: language, channels, where they are in a
// guide, their consent decisions, messages waiting to be sent to them.
import type { PersonalDataSection } from '../bot/module.js';
import type { Store } from '../store/index.js';
import type { ConsentRegistry } from './consent.js';

/** Enough of an id to recognise it, not enough to reuse it. */
function partly(externalId: string): string {
  return externalId.length <= 4 ? '••••' : `••••${externalId.slice(-4)}`;
}

export function corePersonalData(store: Store, consent: ConsentRegistry): PersonalDataSection {
  return {
    describe(personId, tr) {
      const person = store.persons.get(personId);
      if (!person) return [];
      const lines = [
        tr.t('privacy:data.language', { language: tr.t(`privacy:languages.${person.locale}`) }),
        ...store.persons.identities(personId).map((i) => tr.t('privacy:data.channel', { channel: tr.t(`privacy:channels.${i.channel}`), id: partly(i.externalId) })),
      ];
      const state = store.conversations.get(personId);
      lines.push(state ? tr.t('privacy:data.conversation', { since: tr.fmt.dateTime(new Date(state.updatedAt)) }) : tr.t('privacy:data.noConversation'));
      for (const decision of consent.decisions(personId))
        lines.push(
          tr.t(decision.granted ? 'privacy:data.consentGranted' : 'privacy:data.consentRefused', {
            purpose: tr.t(`privacy:purposes.${decision.purpose}`),
            at: tr.fmt.dateTime(new Date(decision.decidedAt)),
          }),
        );
      const waiting = store.db
        .prepare("SELECT COUNT(*) AS n FROM outbox_message WHERE person_id = ? AND status = 'pending'")
        .get(personId) as { n: number };
      if (waiting.n > 0) lines.push(tr.t('privacy:data.waitingMessages', { count: waiting.n }));
      return lines;
    },
    erase(personId) {
      // Messages queued to the person's channel ids would outlive the person otherwise.
      for (const identity of store.persons.identities(personId))
        store.db.prepare('DELETE FROM channel_unreachable WHERE channel = ? AND external_id = ?').run(identity.channel, identity.externalId);
    },
  };
}
