// Reading what a chat received against what it should have: the same messages in the same
// order, where a message may come twice in a row only as the caller allows (its first copy
// was in flight when a replica was killed: sent, but its sending not yet on record).
import type { AcceptedMessage } from '../../jobs/limitedBotApi.js';

export interface Reading {
  /** Every expected message arrived, in order, and nothing else but allowed repeats. */
  ok: boolean;
  repeats: number;
  /** When not ok: where the received messages stop fitting, and what was expected there. */
  problem?: string;
}

/**
 * Fits `received` (in arrival order) to `expected`, with any message allowed to come again
 * right after its first copy when `mayRepeat(first, again)` holds. Tries both readings where a repeat
 * could also be the next expected message (two equal answers in a row).
 */
export function readChat(
  received: readonly AcceptedMessage[],
  expected: readonly string[],
  mayRepeat: (first: AcceptedMessage, again: AcceptedMessage) => boolean,
): Reading {
  const failed = new Set<string>();
  let furthest = { at: 0, want: 0 };
  const fit = (k: number, j: number): number | undefined => {
    if (k === received.length) return j === expected.length ? 0 : undefined;
    const key = `${k}:${j}`;
    if (failed.has(key)) return undefined;
    if (k > furthest.at) furthest = { at: k, want: j };
    const message = received[k]!;
    if (j < expected.length && message.text === expected[j]) {
      const rest = fit(k + 1, j + 1);
      if (rest !== undefined) return rest;
    }
    const previous = received[k - 1];
    if (previous && previous.text === message.text && mayRepeat(previous, message)) {
      const rest = fit(k + 1, j);
      if (rest !== undefined) return rest + 1;
    }
    failed.add(key);
    return undefined;
  };
  const repeats = fit(0, 0);
  if (repeats !== undefined) return { ok: true, repeats };
  const got = received[furthest.at];
  return {
    ok: false,
    repeats: 0,
    problem:
      `${received.length} received, ${expected.length} expected; message ${furthest.at} ` +
      `${got ? `"${got.text.slice(0, 50)}" (from ${got.via})` : '(none)'} where "${(expected[furthest.want] ?? '(nothing more)').slice(0, 50)}" was expected`,
  };
}

/** Most messages inside any `windowMs`, and the least time between two to one chat. */
export function pace(messages: readonly AcceptedMessage[], windowMs = 1000): { mostInWindow: number; leastChatGapMs: number } {
  const times = messages.map((m) => m.at).sort((a, b) => a - b);
  let mostInWindow = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    mostInWindow = Math.max(mostInWindow, j - i + 1);
  }
  const byChat = new Map<string, number[]>();
  for (const m of messages) byChat.set(m.chat, [...(byChat.get(m.chat) ?? []), m.at]);
  let leastChatGapMs = Infinity;
  for (const own of byChat.values()) {
    own.sort((a, b) => a - b);
    for (let i = 1; i < own.length; i++) leastChatGapMs = Math.min(leastChatGapMs, own[i]! - own[i - 1]!);
  }
  return { mostInWindow, leastChatGapMs };
}
