// The open requests an official may take (their units and those below), oldest first:
// waiting ones with a "take it" button, their own conversations with a "continue" button.
import type { Reply } from '../bot/types.js';
import type { Translator } from '../i18n/index.js';
import { scopesFor } from '../campaign/access.js';
import type { PersonRole } from '../campaign/roles/types.js';
import type { CommunityServices } from './deps.js';
import { takeChoiceId } from './notices.js';

const SHOWN = 10;

export function canTakeTickets(roles: readonly PersonRole[]): boolean {
  const scopes = scopesFor(roles, 'handoff.take');
  return scopes === 'anywhere' || scopes.length > 0;
}

export async function ticketListReplies(
  s: CommunityServices,
  tr: Translator,
  personId: number,
  roles: readonly PersonRole[],
  now: Date,
): Promise<Reply[]> {
  const tickets = await s.tickets.openUnder(scopesFor(roles, 'handoff.take'), SHOWN + 1);
  if (tickets.length === 0) return [{ text: tr.t('community:tickets.none') }];
  const shown = tickets.slice(0, SHOWN);
  const lines = [tr.t('community:tickets.heading', { count: shown.length })];
  const choices: Reply['choices'] = [];
  // Several requests of one commune: its name is read once.
  const unitNames = new Map<string, string>();
  for (const t of shown) {
    const unit = unitNames.get(t.unitCode) ?? (await s.store.units.getUnit(t.unitCode))?.name ?? t.unitCode;
    unitNames.set(t.unitCode, unit);
    const minutes = Math.max(0, Math.round((now.getTime() - t.openedAt.getTime()) / 60_000));
    const state =
      t.status === 'waiting'
        ? tr.t('community:tickets.waiting', { minutes: tr.fmt.count(minutes) })
        : t.takenBy === personId
          ? tr.t('community:tickets.yours')
          : tr.t('community:tickets.takenByOther');
    lines.push(tr.t('community:tickets.line', { id: t.id, unit, state, topic: t.topic ?? '' }));
    if (t.status === 'waiting') choices.push({ id: takeChoiceId(t.id), label: tr.t('community:tickets.take', { id: t.id }) });
    else if (t.takenBy === personId)
      choices.push({ id: takeChoiceId(t.id), label: tr.t('community:tickets.continue', { id: t.id }) });
  }
  if (tickets.length > SHOWN) lines.push(tr.t('community:tickets.more'));
  return [{ text: lines.join('\n'), ...(choices.length ? { choices } : {}) }];
}
