// What a person typed on Zalo, as an engine event. Neither Zalo product has Telegram's
// callback buttons, so a choice comes back as text: the number of a numbered line, the
// payload of an OA button (the choice id itself), or the label typed out.
import type { Choice, InboundEvent } from '../../bot/types.js';
import { foldDiacritics } from '../../bot/normalize.js';

/** `/name` or `/name args`. */
const COMMAND = /^\/([A-Za-z0-9_]{1,64})(?:\s+([\s\S]*))?$/;

export function typedAnswer(text: string, menu: readonly Choice[]): InboundEvent {
  const trimmed = text.trim();
  const picked = pickedChoice(trimmed, menu);
  if (picked) return { kind: 'choice', id: picked.id };
  const command = COMMAND.exec(trimmed);
  if (command) {
    const name = command[1]!.toLowerCase();
    const args = (command[2] ?? '').trim();
    if (name === 'start') return args === '' ? { kind: 'start' } : { kind: 'start', payload: args };
    return { kind: 'command', name, args };
  }
  return { kind: 'text', text };
}

function pickedChoice(typed: string, menu: readonly Choice[]): Choice | undefined {
  if (menu.length === 0 || typed === '') return undefined;
  const number = /^(\d{1,2})\.?$/.exec(typed);
  if (number) return menu[Number(number[1]) - 1];
  const byId = menu.find((c) => c.id === typed);
  if (byId) return byId;
  const folded = foldDiacritics(typed);
  return folded === '' ? undefined : menu.find((c) => foldDiacritics(c.label) === folded);
}
