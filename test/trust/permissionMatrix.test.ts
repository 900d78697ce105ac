// Every unit-scoped command, for every role held on a district (Huyện Ba Tri), against a unit
// in every relation to it; the commands that take no unit, per role. The tables and the
// checks are in support/matrix.ts; permissionMatrix.open.test.ts proves the refusals can fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALLOWED,
  CASES,
  check,
  ESCALATION_CASE,
  escalationLine,
  FROM,
  OWN_CASES,
  person,
  RELATION_CASES,
  setUpMatrix,
  targetCommunity,
  targetSecrets,
  tearDownMatrix,
} from './support/matrix.js';

beforeAll(setUpMatrix);
afterAll(tearDownMatrix);

describe('permission matrix: role on a district × command × target unit', () => {
  it.each(RELATION_CASES)('$name → allowed: $allowed', (c) => check(c));
});

describe('commands without a target: role × command', () => {
  it.each(OWN_CASES)('$name → allowed: $allowed', (c) => check(c));
  it(ESCALATION_CASE.name, () => check(ESCALATION_CASE));
});

describe('beside the matrix', () => {
  it('has as many cells and refusals as docs/security.md says', () => {
    const refused = (cases: readonly { allowed: boolean }[]) => cases.filter((c) => !c.allowed).length;
    expect([RELATION_CASES.length, refused(RELATION_CASES)]).toEqual([315, 202]);
    expect([OWN_CASES.length, refused(OWN_CASES)]).toEqual([28, 14]);
    expect([CASES.length, refused(CASES)]).toEqual([344, 217]);
  });

  it('/nhacnho tells a district head of the reports missing in their district', async () => {
    const head = await person('head');
    await head.command('nhacnho');
    expect(head.lastText()).toContain(escalationLine());
  });

  it('/hogiadinh shows a commune team its own households, and a neighbouring team nothing of them', async () => {
    const own = await person('team_leader', 'BT-BATRI-TANXUAN');
    await own.command('hogiadinh');
    expect(own.lastText()).toContain(targetCommunity('child').area);
    const neighbour = await person('team_leader', 'BT-BATRI-ANDUC');
    await neighbour.command('hogiadinh');
    expect(neighbour.lastText()).toContain('Xã An Đức');
    for (const secret of [...targetSecrets('child'), 'Xã Tân Xuân']) expect(neighbour.lastText()).not.toContain(secret);
  });

  it('shows the reminder tap and the Excel file only to those who may use them', async () => {
    for (const who of ['reporter', 'head', 'compiler'] as const) {
      const p = await person(who);
      await p.command('tonghop', FROM);
      const ids = p.lastReplies.flatMap((r) => r.choices ?? []).map((c) => c.id);
      expect(ids.includes(`/tonghop xuat ${FROM}`), who).toBe(ALLOWED[who].export.includes('own'));
    }
  });
});
