// A guide walked as a transcript: each line is what the person does and a piece of what
// the bot must answer, so a test reads like the conversation it checks.
import { expect } from 'vitest';
import type { TestPerson } from '../../support/harness.js';

export type Turn =
  | { tap: string | RegExp; expect: string | RegExp }
  | { say: string; expect: string | RegExp }
  | { command: string; args?: string; expect: string | RegExp };

export async function walk(person: TestPerson, turns: Turn[]): Promise<void> {
  for (const [i, turn] of turns.entries()) {
    if ('tap' in turn) await person.tap(turn.tap);
    else if ('say' in turn) await person.send(turn.say);
    else await person.command(turn.command, turn.args ?? '');
    const text = person.lastText();
    const where = `turn ${i + 1} (${JSON.stringify('tap' in turn ? turn.tap : 'say' in turn ? turn.say : `/${turn.command}`)})`;
    if (typeof turn.expect === 'string') expect(text, where).toContain(turn.expect);
    else expect(text, where).toMatch(turn.expect);
  }
}

/** Every step of a guide offers "Back" (after the first) and "Menu". */
export function expectNav(person: TestPerson, back: string, menu: string): void {
  const labels = person.choiceLabels();
  expect(labels).toContain(back);
  expect(labels).toContain(menu);
}
