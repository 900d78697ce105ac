import type { Choice, InboundEvent } from '../../bot/types.js';

/** Typed line → event: a number picks a choice, "/x y" is a command, anything else is text. */
export function terminalEvent(line: string, choices: Choice[]): InboundEvent {
  const trimmed = line.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const choice = choices[Number(trimmed) - 1];
    if (choice) return { kind: 'choice', id: choice.id };
  }
  const command = trimmed.match(/^\/([a-zA-Z0-9_]+)\s*(.*)$/s);
  if (command) {
    const name = command[1]!.toLowerCase();
    const args = command[2] ?? '';
    if (name === 'start') return args ? { kind: 'start', payload: args } : { kind: 'start' };
    return { kind: 'command', name, args };
  }
  return { kind: 'text', text: trimmed };
}
