// Finds the answer a person means from free text ("k nhan dc otp" → the account guide's
// step about a missing OTP). Each anchor (a flow's start, or a step with `ask`) has
// phrases; a phrase matches when all its words occur in the text, in any order (or, for a
// phrase in quotes, together and in order: "nhận quà" is not "nhận kết quả").
// An anchor scores the words its matching phrases cover, each weighted by how few anchors
// use it (inverse document frequency, squared): "otp" or "bổ sung" say much, "tài khoản" or "hồ sơ"
// little, so a specific question beats a long generic phrase. An urgent flow's anchors
// (scams) win whenever they match at all.
import type { Flow } from '../flows/schema.js';
import { normalizeForMatching } from './normalize.js';

/** Where an answer lives: a flow and the step that answers. */
export interface Anchor {
  flowId: string;
  stepId: string;
}

interface IndexedPhrase extends Anchor {
  words: string[];
  /** Written in quotes ('"nhan qua"'): the words must stand together, in this order. */
  exact: boolean;
  urgent: boolean;
}

export interface IntentMatch {
  /** The winning anchors: one, or several when they tie. Empty when nothing matched. */
  anchors: Anchor[];
  /** Distinct words of the text the winner's phrases cover: how much of the question it explains. */
  words: number;
  /** The winner's score: the squared rarity of those words summed ("otp" alone ≈ 7). */
  score: number;
  /** The winners belong to an urgent flow. */
  urgent: boolean;
}

/** Scores closer than this are a tie. */
const TIE = 1e-9;

/** A phrase's words as the matcher compares them. */
export function phraseWords(phrase: string): string[] {
  return normalizeForMatching(phrase).split(' ').filter(Boolean);
}

/**
 * Words that must stand together: a phrase in quotes, and any two-word Vietnamese phrase,
 * since folded syllables pair up by chance ("bà nói" is not "bà nội", "không nhớ … con"
 * is not "con nhỏ") while a Vietnamese compound is always written as one.
 */
const isExact = (phrase: string, vietnamese: boolean): boolean =>
  /^".*"$/.test(phrase.trim()) || (vietnamese && phraseWords(phrase).length === 2);

/** Every anchor of the flows with its phrases, the start's from the flow's `keywords`. */
export function anchorsOf(flows: readonly Flow[]): (Anchor & { phrases: string[]; vi: string[]; urgent: boolean })[] {
  const anchor = (flow: Flow, stepId: string, asked: { vi: string[]; en: string[] }) => ({
    flowId: flow.id,
    stepId,
    phrases: [...asked.vi, ...asked.en],
    vi: asked.vi,
    urgent: flow.urgent,
  });
  return flows.flatMap((flow) => [
    ...(flow.keywords.vi.length + flow.keywords.en.length > 0 ? [anchor(flow, flow.start, flow.keywords)] : []),
    ...Object.entries(flow.steps).flatMap(([stepId, step]) => (step.ask ? [anchor(flow, stepId, step.ask)] : [])),
  ]);
}

/** An answer written `flow#step`, as phrasing sets and the linter name it. */
export const anchorId = (a: Anchor): string => `${a.flowId}#${a.stepId}`;

/** Finds the answer free text asks for, among every flow's anchors. */
export class IntentMatcher {
  private readonly phrases: IndexedPhrase[];
  private readonly weight = new Map<string, number>();
  /** Each phrase under its rarest word: only phrases whose rarest word the text has are tried. */
  private readonly byWord = new Map<string, IndexedPhrase[]>();

  constructor(flows: readonly Flow[]) {
    const anchors = anchorsOf(flows);
    this.phrases = anchors.flatMap((anchor) =>
      anchor.phrases
        .map((phrase) => ({ words: phraseWords(phrase), exact: isExact(phrase, anchor.vi.includes(phrase)) }))
        .filter(({ words }) => words.length > 0)
        .map(({ words, exact }) => ({ flowId: anchor.flowId, stepId: anchor.stepId, urgent: anchor.urgent, words, exact })),
    );
    const anchorsUsing = new Map<string, Set<string>>();
    for (const phrase of this.phrases)
      for (const word of phrase.words) anchorsUsing.set(word, (anchorsUsing.get(word) ?? new Set()).add(anchorId(phrase)));
    for (const [word, using] of anchorsUsing) this.weight.set(word, Math.log(1 + anchors.length / using.size));
    for (const phrase of this.phrases) {
      const key = phrase.words.reduce((a, b) => ((this.weight.get(b) ?? 0) > (this.weight.get(a) ?? 0) ? b : a));
      this.byWord.set(key, [...(this.byWord.get(key) ?? []), phrase]);
    }
  }

  match(text: string): IntentMatch {
    const normalized = normalizeForMatching(text);
    const words = new Set(normalized.split(' '));
    const padded = ` ${normalized} `;
    const found = new Map<string, { anchor: Anchor; covered: Set<string>; urgent: boolean }>();
    const candidates = [...words].flatMap((w) => this.byWord.get(w) ?? []);
    for (const phrase of candidates) {
      if (!phrase.words.every((w) => words.has(w))) continue;
      if (phrase.exact && !padded.includes(` ${phrase.words.join(' ')} `)) continue;
      const id = anchorId(phrase);
      const f = found.get(id) ?? {
        anchor: { flowId: phrase.flowId, stepId: phrase.stepId },
        covered: new Set<string>(),
        urgent: phrase.urgent,
      };
      for (const w of phrase.words) f.covered.add(w);
      found.set(id, f);
    }
    if (found.size === 0) return { anchors: [], words: 0, score: 0, urgent: false };
    const scored = [...found.values()].map((f) => ({
      ...f,
      score: [...f.covered].reduce((sum, w) => sum + (this.weight.get(w) ?? 0) ** 2, 0),
    }));
    scored.sort((a, b) => Number(b.urgent) - Number(a.urgent) || b.score - a.score);
    const top = scored[0]!;
    const winners = scored.filter((s) => s.urgent === top.urgent && top.score - s.score < TIE);
    return { anchors: winners.map((s) => s.anchor), words: top.covered.size, score: top.score, urgent: top.urgent };
  }
}
