// One cap on every text a person sends: free text, command arguments, button data, a start
// payload. Channels apply it before they parse anything, and the engine again before it
// reads an event, so no parser, pattern or masker ever sees more than this.
import type { InboundEvent } from './types.js';

/** Longer than any question, answer or command line a person types in a chat. */
export const MAX_INPUT_CHARS = 2000;

/**
 * `read(text)` when the text is within the cap; otherwise the text passed on unread, cut
 * just past the cap so the engine still knows it was too long (and answers so).
 */
export function withinInputLimit(text: string, read: (text: string) => InboundEvent, max = MAX_INPUT_CHARS): InboundEvent {
  return text.length > max ? { kind: 'text', text: text.slice(0, max + 1) } : read(text);
}

/** A tapped button (or a choice id typed back), within the same cap. */
export function choiceEvent(id: string, max = MAX_INPUT_CHARS): InboundEvent {
  return withinInputLimit(id, () => ({ kind: 'choice', id }), max);
}

/** True when what the person sent in this event is over the cap, in any of its fields. */
export function exceedsInputLimit(event: InboundEvent, max = MAX_INPUT_CHARS): boolean {
  switch (event.kind) {
    case 'text':
      return event.text.length > max;
    case 'command':
      return event.name.length + event.args.length > max;
    case 'choice':
      return event.id.length > max;
    case 'start':
      return (event.payload?.length ?? 0) > max;
    case 'media':
      return false;
  }
}
