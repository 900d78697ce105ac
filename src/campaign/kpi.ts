// The campaign's three rates, computed from counts only. A rate over several units or
// weeks is the sum of numerators over the sum of denominators, never an average of
// percentages; a zero denominator has no rate at all (shown as "no data").

export interface Counts {
  receivedTotal: number;
  receivedOnline: number;
  digitized: number;
  /** Dossiers of procedures that carry a fee or charge. */
  feeDossiers: number;
  paidOnline: number;
}

export const ZERO_COUNTS: Readonly<Counts> = Object.freeze({
  receivedTotal: 0,
  receivedOnline: 0,
  digitized: 0,
  feeDossiers: 0,
  paidOnline: 0,
});

export const RATE_NAMES = ['online', 'payment', 'digitization'] as const;
export type RateName = (typeof RATE_NAMES)[number];

/** Which counts make each rate (content brief §5.3). */
export const RATE_PARTS: Record<RateName, { numerator: keyof Counts; denominator: keyof Counts }> = {
  online: { numerator: 'receivedOnline', denominator: 'receivedTotal' },
  payment: { numerator: 'paidOnline', denominator: 'feeDossiers' },
  digitization: { numerator: 'digitized', denominator: 'receivedTotal' },
};

export interface Fraction {
  numerator: number;
  denominator: number;
  /** numerator / denominator; undefined when the denominator is 0. */
  rate: number | undefined;
}

export function rateOf(numerator: number, denominator: number): number | undefined {
  return denominator > 0 ? numerator / denominator : undefined;
}

export function fractionOf(counts: Counts, name: RateName): Fraction {
  const { numerator, denominator } = RATE_PARTS[name];
  return { numerator: counts[numerator], denominator: counts[denominator], rate: rateOf(counts[numerator], counts[denominator]) };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    receivedTotal: a.receivedTotal + b.receivedTotal,
    receivedOnline: a.receivedOnline + b.receivedOnline,
    digitized: a.digitized + b.digitized,
    feeDossiers: a.feeDossiers + b.feeDossiers,
    paidOnline: a.paidOnline + b.paidOnline,
  };
}

export function sumCounts(list: Iterable<Counts>): Counts {
  let total: Counts = { ...ZERO_COUNTS };
  for (const c of list) total = addCounts(total, c);
  return total;
}

export interface TreeNode {
  code: string;
  parentCode?: string;
}

/**
 * Each unit's figure: the counts recorded for the unit itself plus those of every unit
 * beneath it. One pass: children are folded into parents deepest first.
 */
export function rollUp(nodes: readonly TreeNode[], own: ReadonlyMap<string, Counts>): Map<string, Counts> {
  const parentOf = new Map(nodes.map((n) => [n.code, n.parentCode]));
  const depthOf = new Map<string, number>();
  const depth = (code: string): number => {
    const known = depthOf.get(code);
    if (known !== undefined) return known;
    const parent = parentOf.get(code);
    const d = parent !== undefined && parentOf.has(parent) ? depth(parent) + 1 : 0;
    depthOf.set(code, d);
    return d;
  };
  const totals = new Map<string, Counts>(nodes.map((n) => [n.code, own.get(n.code) ?? { ...ZERO_COUNTS }]));
  for (const node of [...nodes].sort((a, b) => depth(b.code) - depth(a.code))) {
    const parent = node.parentCode;
    if (parent === undefined || !totals.has(parent)) continue;
    totals.set(parent, addCounts(totals.get(parent)!, totals.get(node.code)!));
  }
  return totals;
}

/** How a rate stands against its target: met, or how many percentage points short. */
export function shortfall(rate: number | undefined, target: number): number | undefined {
  if (rate === undefined) return undefined;
  return Math.max(0, target - rate);
}
