// What the engine itself keeps about a person: language, channels, where they are in a
// guide, their consent decisions, messages waiting to be sent to them or carrying their
// words to an official, the numbered choices a Zalo chat last showed. (Wrong invitation
// codes are counted per chat under a salted hash that names no one: nothing to list.)
// Erasing it is the person's deletion itself (store.personalData.erasePerson).
import type { PersonalDataSection } from '../bot/module.js';
import type { Store } from '../store/index.js';

/** Enough of an id to recognise it, not enough to reuse it. */
function partly(externalId: string): string {
  return externalId.length <= 4 ? '••••' : `••••${externalId.slice(-4)}`;
}

export type CoreDataStore = Pick<Store, 'persons' | 'conversations' | 'consent' | 'outbox' | 'personalData'>;

export function corePersonalData(store: CoreDataStore): PersonalDataSection {
  return {
    async describe(personId, tr) {
      const person = await store.persons.get(personId);
      if (!person) return [];
      const identities = await store.persons.identities(personId);
      const lines = [
        tr.t('privacy:data.language', { language: tr.t(`privacy:languages.${person.locale}`) }),
        ...identities.map((i) =>
          tr.t('privacy:data.channel', { channel: tr.t(`privacy:channels.${i.channel}`), id: partly(i.externalId) }),
        ),
      ];
      const state = await store.conversations.get(personId);
      lines.push(
        state
          ? tr.t('privacy:data.conversation', { since: tr.fmt.dateTime(new Date(state.updatedAt)) })
          : tr.t('privacy:data.noConversation'),
      );
      for (const decision of await store.consent.decisions(personId))
        lines.push(
          tr.t(decision.granted ? 'privacy:data.consentGranted' : 'privacy:data.consentRefused', {
            purpose: tr.t(`privacy:purposes.${decision.purpose}`),
            at: tr.fmt.dateTime(new Date(decision.decidedAt)),
          }),
        );
      const waiting = await store.personalData.pendingMessagesTo(personId);
      if (waiting > 0) lines.push(tr.t('privacy:data.waitingMessages', { count: waiting }));
      const about = await store.outbox.waitingAbout(personId);
      if (about > 0) lines.push(tr.t('privacy:data.messagesAboutYou', { count: about }));
      if (await store.personalData.choiceMenuKept(identities)) lines.push(tr.t('privacy:data.choiceMenu'));
      return lines;
    },
  };
}
