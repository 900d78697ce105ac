import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Counts, fractionOf, rateOf, rollUp, sumCounts, type TreeNode, ZERO_COUNTS } from '../../src/campaign/kpi.js';
import { Texts } from '../../src/i18n/index.js';
import { fractionText, worstFirst } from '../../src/campaign/progress/progressReply.js';
import type { Unit } from '../../src/campaign/units/types.js';

const tr = Texts.load('vi').for('vi');

const countsArb: fc.Arbitrary<Counts> = fc
  .record({ total: fc.nat(5000), online: fc.nat(5000), digitized: fc.nat(5000), fee: fc.nat(3000), paid: fc.nat(3000) })
  .map((r) => ({
    receivedTotal: r.total,
    receivedOnline: Math.min(r.online, r.total),
    digitized: Math.min(r.digitized, r.total),
    feeDossiers: r.fee,
    paidOnline: Math.min(r.paid, r.fee),
  }));

/** A random tree: node i's parent is some node before it. */
const treeArb = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
      fc.array(fc.option(countsArb, { nil: undefined }), { minLength: n, maxLength: n }),
    )
    .map(([parents, own]) => ({
      nodes: parents.map((p, i): TreeNode => ({ code: `U${i}`, ...(i > 0 ? { parentCode: `U${p % i}` } : {}) })),
      own: new Map<string, Counts>(own.flatMap((c, i) => (c ? [[`U${i}`, c] as const] : []))),
    })),
);

describe('rates', () => {
  it('has no rate for a zero denominator, and reads "chưa có số liệu"', () => {
    expect(rateOf(0, 0)).toBeUndefined();
    expect(fractionText(tr, fractionOf({ ...ZERO_COUNTS }, 'online'))).toBe('chưa có số liệu');
  });

  it('reproduces the plan’s own figures (KH 7386, digitisation and online payment)', () => {
    // As printed in the plan, section III.2 and III.3.
    const provinceAsPrinted: Counts = { ...ZERO_COUNTS, receivedTotal: 196_960, digitized: 65_465 };
    expect(fractionText(tr, fractionOf(provinceAsPrinted, 'digitization'))).toBe('65.465/196.960 = 33,2%');
    const departments: Counts = { ...ZERO_COUNTS, receivedTotal: 101_110, digitized: 52_463 };
    const districts: Counts = { ...ZERO_COUNTS, receivedTotal: 95_850, digitized: 13_004 };
    // The plan prints 51,8% (truncated); rounded to one decimal it is 51,9%.
    expect(fractionText(tr, fractionOf(departments, 'digitization'))).toBe('52.463/101.110 = 51,9%');
    expect(fractionText(tr, fractionOf(districts, 'digitization'))).toBe('13.004/95.850 = 13,6%');
    const payment: Counts = { ...ZERO_COUNTS, feeDossiers: 93_990, paidOnline: 4_048 };
    expect(fractionText(tr, fractionOf(payment, 'payment'))).toBe('4.048/93.990 = 4,3%');

    // Rolled up from the two levels: the denominators add up to the printed total, the
    // numerators to 65.467 (the plan's own sum is 2 dossiers off), still 33,2%.
    const province = rollUp(
      [{ code: 'BT' }, { code: 'SO', parentCode: 'BT' }, { code: 'HUYEN', parentCode: 'BT' }],
      new Map([
        ['SO', departments],
        ['HUYEN', districts],
      ]),
    ).get('BT')!;
    expect(fractionText(tr, fractionOf(province, 'digitization'))).toBe('65.467/196.960 = 33,2%');
    // Not the average of the two levels' percentages (51,9% and 13,6% → 32,7%).
    expect(tr.fmt.percent((52_463 / 101_110 + 13_004 / 95_850) / 2)).toBe('32,7%');
  });

  it('rolls up: every unit’s figure is the sum over itself and the units beneath it', () => {
    fc.assert(
      fc.property(treeArb, ({ nodes, own }) => {
        const totals = rollUp(nodes, own);
        const parentOf = new Map(nodes.map((n) => [n.code, n.parentCode]));
        const isUnder = (code: string, ancestor: string): boolean => {
          for (let c: string | undefined = code; c !== undefined; c = parentOf.get(c)) if (c === ancestor) return true;
          return false;
        };
        for (const node of nodes) {
          const expected = sumCounts(nodes.filter((n) => isUnder(n.code, node.code)).map((n) => own.get(n.code) ?? ZERO_COUNTS));
          expect(totals.get(node.code)).toEqual(expected);
        }
        // The root's rate is the ratio of sums over all units, whatever the shape of the tree.
        const all = sumCounts(own.values());
        expect(fractionOf(totals.get('U0')!, 'online').rate).toBe(rateOf(all.receivedOnline, all.receivedTotal));
      }),
    );
  });

  it('keeps every rate between 0 and 1 when counts are consistent', () => {
    fc.assert(
      fc.property(fc.array(countsArb), (list) => {
        const total = sumCounts(list);
        for (const name of ['online', 'payment', 'digitization'] as const) {
          const rate = fractionOf(total, name).rate;
          if (rate !== undefined) expect(rate >= 0 && rate <= 1).toBe(true);
        }
      }),
    );
  });

  it('lists children worst first, units without data before all others', () => {
    const unit = (code: string): Unit => ({ code, name: code, kind: 'commune', successorCodes: [] });
    const at = (online: number, total: number): Counts => ({ ...ZERO_COUNTS, receivedTotal: total, receivedOnline: online });
    const order = worstFirst([
      { unit: unit('A'), counts: at(60, 100) },
      { unit: unit('B'), counts: at(0, 0) },
      { unit: unit('C'), counts: at(10, 100) },
    ]).map((c) => c.unit.code);
    expect(order).toEqual(['B', 'C', 'A']);
  });
});

describe('campaign definition defaults', () => {
  it("uses the plan's targets as ratios when the file names none", async () => {
    const { CampaignDefinitionSchema } = await import('../../src/campaign/definition/schema.js');
    const parsed = CampaignDefinitionSchema.parse({ id: 'x1', root: 'BT', starts_on: '2023-12-01', ends_on: '2023-12-31' });
    expect(parsed.targets).toEqual({ online: 0.5, payment: 0.3, digitization: 1 });
    expect(
      CampaignDefinitionSchema.parse({
        id: 'x1',
        root: 'BT',
        starts_on: '2023-12-01',
        ends_on: '2023-12-31',
        targets: { online: 60 },
      }).targets.online,
    ).toBe(0.6);
  });
});
