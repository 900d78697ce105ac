// What a person reads about in-person help in their commune: the one-stop desk, the
// community digital-transformation team and the police, from data, never invented: a
// commune with nothing on file still gets where its desk is and whom to ask.
import type { Reply } from '../bot/types.js';
import type { Translator } from '../i18n/index.js';
import type { Unit } from '../campaign/units/types.js';
import type { HelpContact } from './helpContacts.js';
import { unitNameInSentence } from '../campaign/units/nameInSentence.js';

/** "Xã Phú Hưng" as written inside a sentence: "xã Phú Hưng". */
export const communeInSentence = unitNameInSentence;

export interface ContactCardInput {
  unit: Unit;
  contact?: HelpContact;
  defaultOfficeHours?: string;
  /** Team leaders known for the commune, when another source provides them. */
  teamLeaders?: string[];
}

export function contactCard(tr: Translator, input: ContactCardInput): Reply[] {
  const commune = communeInSentence(input.unit.name);
  const c = input.contact;
  const deskName = c?.deskName ?? tr.t('guides:hotro.card.deskName', { commune });
  const hours = c?.officeHours ?? input.defaultOfficeHours ?? tr.t('guides:hotro.card.defaultHours');
  const desk = [
    tr.t('guides:hotro.card.desk', { deskName }),
    // Without an address on file, where the desk always is; without a number, no number.
    c?.address ? tr.t('guides:hotro.card.address', { address: c.address }) : tr.t('guides:hotro.card.atCommittee', { commune }),
    ...(c?.phone ? [tr.t('guides:hotro.card.phone', { phone: c.phone })] : []),
    tr.t('guides:hotro.card.hours', { hours }),
  ].join('\n');

  const team = [
    ...(c?.teamContact ? [c.teamContact] : []),
    ...(input.teamLeaders ?? []).map((name) => tr.t('guides:hotro.card.teamLeader', { name })),
  ];
  const teamText = team.length ? tr.t('guides:hotro.card.team', { contact: team.join('; ') }) : tr.t('guides:hotro.card.noTeam');

  return [{ text: desk }, { text: teamText }, { text: tr.t('guides:hotro.card.police', { commune }) }];
}
