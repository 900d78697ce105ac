import type { Choice, InboundEvent } from '../../bot/types.js';
import { withinInputLimit } from '../../bot/inputLimit.js';
import { typedEvent } from '../../bot/typedLine.js';

/** Typed line → event: a number picks a choice, "/x y" is a command, anything else is text. */
export function terminalEvent(line: string, choices: Choice[]): InboundEvent {
  return withinInputLimit(line, () => {
    const trimmed = line.trim();
    if (/^\d{1,2}$/.test(trimmed)) {
      const choice = choices[Number(trimmed) - 1];
      if (choice) return { kind: 'choice', id: choice.id };
    }
    return typedEvent(trimmed);
  });
}
