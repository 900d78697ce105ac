// A line a person typed, as an event: `/name args` is a command (`/start PAYLOAD` a start),
// anything else is text. Shared by every channel whose people type commands; the input cap
// is applied first, and the one pattern here is bounded, so parsing is linear.
import { MAX_INPUT_CHARS, withinInputLimit } from './inputLimit.js';
import type { InboundEvent } from './types.js';

/** `/name`, `/name args`, `/name@bot args`: command names are Latin letters, digits and _. */
const COMMAND = /^\/([A-Za-z0-9_]{1,64})(?:@[A-Za-z0-9_]{1,64})?(?=\s|$)/;

/** A typed line as a command, a start or text; over the input cap, not parsed at all. */
export function typedEvent(text: string, max = MAX_INPUT_CHARS): InboundEvent {
  return withinInputLimit(text, readLine, max);
}

function readLine(text: string): InboundEvent {
  const line = text.trim();
  const match = COMMAND.exec(line);
  if (!match) return { kind: 'text', text };
  const name = match[1]!.toLowerCase();
  const args = line.slice(match[0].length).trim();
  if (name === 'start') return args === '' ? { kind: 'start' } : { kind: 'start', payload: args };
  return { kind: 'command', name, args };
}
