// What the engine itself keeps about a person: language, channels, where they are in a
// guide, their consent decisions, messages waiting to be sent to them or carrying their
// words to an official, the numbered choices a Zalo chat last showed. (Wrong invitation
// codes are counted per chat under a salted hash that names no one: nothing to list.)
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
        ...store.persons
          .identities(personId)
          .map((i) => tr.t('privacy:data.channel', { channel: tr.t(`privacy:channels.${i.channel}`), id: partly(i.externalId) })),
      ];
      const state = store.conversations.get(personId);
      lines.push(
        state
          ? tr.t('privacy:data.conversation', { since: tr.fmt.dateTime(new Date(state.updatedAt)) })
          : tr.t('privacy:data.noConversation'),
      );
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
      const about = store.outbox.waitingAbout(personId);
      if (about > 0) lines.push(tr.t('privacy:data.messagesAboutYou', { count: about }));
      const menus = store.persons
        .identities(personId)
        .filter((i) =>
          store.db.prepare('SELECT 1 FROM zalo_choice_menu WHERE channel = ? AND external_id = ?').get(i.channel, i.externalId),
        );
      if (menus.length > 0) lines.push(tr.t('privacy:data.choiceMenu'));
      return lines;
    },
    erase(personId) {
      // Rows keyed by a channel id rather than the person would outlive the person otherwise:
      // messages addressed to it (sent ones too), its unreachable mark, its last Zalo menu.
      for (const identity of store.persons.identities(personId)) {
        store.outbox.forgetRecipient(identity.channel, identity.externalId);
        store.db
          .prepare('DELETE FROM zalo_choice_menu WHERE channel = ? AND external_id = ?')
          .run(identity.channel, identity.externalId);
      }
    },
  };
}
