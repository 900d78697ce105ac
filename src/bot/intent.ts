// Finds the guide a person means from free text ("k nhan dc otp" → the account guide):
// a keyword matches when all its words occur in the text, in any order; the flow whose
// best keyword is longest wins, ties broken by how many of its keywords match.
import type { Flow } from '../flows/schema.js';
import { normalizeForMatching } from './normalize.js';

interface IndexedKeyword {
  flowId: string;
  words: string[];
  /** `phrase#step`: the phrase opens the flow at that step ("quen mat khau#pwd"). */
  stepId?: string;
}

export interface IntentMatch {
  /** The winning flow ids: one, or several when they tie. Empty when nothing matched. */
  flowIds: string[];
  score: number;
  /** Where a single winner should open, when its best keyword names a step. */
  stepId?: string;
}

/** Splits `phrase#step` into its words and step. */
export function parseKeyword(keyword: string): { words: string[]; stepId?: string } {
  const [phrase = '', stepId] = keyword.split('#');
  const words = normalizeForMatching(phrase).split(' ').filter(Boolean);
  return stepId ? { words, stepId: stepId.trim() } : { words };
}

export class IntentMatcher {
  private readonly keywords: IndexedKeyword[];

  constructor(flows: Flow[]) {
    this.keywords = flows.flatMap((flow) =>
      [...flow.keywords.vi, ...flow.keywords.en]
        .map(parseKeyword)
        .filter((k) => k.words.length > 0)
        .map((k) => ({ flowId: flow.id, ...k })),
    );
  }

  match(text: string): IntentMatch {
    const words = new Set(normalizeForMatching(text).split(' '));
    const scores = new Map<string, { best: number; count: number; stepId?: string }>();
    for (const keyword of this.keywords) {
      if (!keyword.words.every((w) => words.has(w))) continue;
      const s = scores.get(keyword.flowId) ?? { best: 0, count: 0 };
      if (keyword.words.length > s.best || (keyword.words.length === s.best && keyword.stepId && !s.stepId)) {
        s.best = keyword.words.length;
        if (keyword.stepId) s.stepId = keyword.stepId;
        else delete s.stepId;
      }
      s.count += 1;
      scores.set(keyword.flowId, s);
    }
    if (scores.size === 0) return { flowIds: [], score: 0 };
    const ranked = [...scores.entries()].sort((a, b) => b[1].best - a[1].best || b[1].count - a[1].count);
    const top = ranked[0]![1];
    const flowIds = ranked.filter(([, s]) => s.best === top.best && s.count === top.count).map(([id]) => id);
    return { flowIds, score: top.best, ...(flowIds.length === 1 && top.stepId ? { stepId: top.stepId } : {}) };
  }
}
