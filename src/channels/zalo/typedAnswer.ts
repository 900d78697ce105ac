// What a person typed on Zalo, as an engine event. Neither Zalo product has Telegram's
// callback buttons, so a choice comes back as text: the number of a numbered line, the
// payload of an OA button (the choice id itself), or the label typed out.
import type { Choice, InboundEvent } from '../../bot/types.js';
import { foldDiacritics } from '../../bot/normalize.js';
import { withinInputLimit } from '../../bot/inputLimit.js';
import { typedEvent } from '../../bot/typedLine.js';

/** Over the input cap, nothing is read: not a number, a label nor a command. */
export function typedAnswer(text: string, menu: readonly Choice[]): InboundEvent {
  return withinInputLimit(text, () => {
    const picked = pickedChoice(text.trim(), menu);
    return picked ? { kind: 'choice', id: picked.id } : typedEvent(text);
  });
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
