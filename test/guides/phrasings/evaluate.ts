// Scores a phrasing set: the share of questions whose first answer is the one their
// writer expected (a tie that asks "which one?" is a miss, like no answer at all).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { IntentMatcher, anchorId } from '../../../src/bot/intent.js';
import type { Flow } from '../../../src/flows/schema.js';

const PhrasingSchema = z.strictObject({
  text: z.string().min(1),
  expect: z.string().regex(/^[a-z0-9_-]+#[a-z0-9_-]+$/),
  alsoOk: z.array(z.string()).optional(),
});
export type Phrasing = z.infer<typeof PhrasingSchema>;

export const PHRASING_SETS = {
  /** Edited together with the keywords: how well they fit what they were tuned on. */
  tuning: 'tuning.json',
  /** A second writer's set, fitted to after the first held-out measurement. */
  tuning2: 'tuning-2.json',
  /** A third writer's set, fitted to after the second held-out measurement. */
  tuning3: 'tuning-3.json',
  /** A fourth writer's set, fitted to after the third held-out measurement. */
  tuning4: 'tuning-4.json',
  /** Written from the catalogue before the keywords and never edited: the rate that counts. */
  heldOut: 'held-out.json',
} as const;

export function readPhrasings(set: keyof typeof PHRASING_SETS): Phrasing[] {
  const path = join(import.meta.dirname, PHRASING_SETS[set]);
  return z.array(PhrasingSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

export interface Score {
  total: number;
  hits: number;
  misses: { text: string; expected: string; found: string[] }[];
}

export function score(flows: readonly Flow[], phrasings: readonly Phrasing[]): Score {
  const matcher = new IntentMatcher(flows);
  const misses = phrasings.flatMap((p) => {
    const found = matcher.match(p.text).anchors.map(anchorId);
    const accepted = [p.expect, ...(p.alsoOk ?? [])];
    return found.length === 1 && accepted.includes(found[0]!) ? [] : [{ text: p.text, expected: p.expect, found }];
  });
  return { total: phrasings.length, hits: phrasings.length - misses.length, misses };
}
