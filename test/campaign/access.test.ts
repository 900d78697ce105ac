// The permission matrix of /tiendo: each role, held on a unit, against units in every
// relation to it. Allowed shows the unit; refused shows neither its name nor a figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignBot } from './campaignBot.js';
import { can, type Relation, type RelationOf } from '../../src/campaign/access.js';
import type { Role } from '../../src/campaign/roles/types.js';

const RELATIONS = ['own', 'child', 'sibling', 'parent', 'elsewhere'] as const satisfies readonly Relation[];

// Seen from Huyện Ba Tri, a district.
const FROM_DISTRICT: Record<(typeof RELATIONS)[number], string> = {
  own: 'BT-BATRI',
  child: 'BT-BATRI-TANXUAN',
  sibling: 'BT-BINHDAI',
  parent: 'BT',
  elsewhere: 'BT-BINHDAI-PHUVANG',
};
// Seen from Xã Tân Xuân, a commune of it.
const FROM_COMMUNE: Partial<Record<Relation, string>> = {
  own: 'BT-BATRI-TANXUAN',
  parent: 'BT-BATRI',
  ancestor: 'BT',
  sibling: 'BT-BATRI-ANDUC',
  elsewhere: 'BT-BINHDAI-PHUVANG',
};

const ROLES: Role[] = ['reporter', 'head', 'team_leader', 'compiler', 'admin'];
const WIDE = new Set<Role>(['compiler', 'admin']);
const expected = (role: Role, relation: Relation) => WIDE.has(role) || relation === 'own' || relation === 'child';

let bot: Awaited<ReturnType<typeof campaignBot>>;
beforeAll(async () => {
  bot = await campaignBot();
});
afterAll(() => bot?.close());

describe('/tiendo permission matrix', () => {
  for (const role of ROLES)
    for (const relation of RELATIONS)
      it(`${role} on a district, ${relation} unit: ${expected(role, relation) ? 'shown' : 'refused'}`, async () => {
        const person = await bot.official(`${role}-district-${relation}`, 'BT-BATRI', role);
        const target = FROM_DISTRICT[relation];
        const name = (await bot.store.units.getUnit(target))!.name;
        await person.command('tiendo', target);
        const text = person.lastText();
        if (expected(role, relation)) {
          expect(text).toContain(`Tiến độ chiến dịch: ${name}`);
        } else {
          expect(text).toContain('Không tìm thấy đơn vị');
          expect(text).not.toContain(name);
          expect(text).not.toMatch(/\d%/);
          expect(person.lastReplies.some((r) => r.image)).toBe(false);
        }
      });

  it('does not reveal a sibling commune found by name either', async () => {
    const reporter = await bot.official('reporter-tanxuan', 'BT-BATRI-TANXUAN', 'reporter');
    await reporter.command('tiendo', 'an duc');
    expect(reporter.lastText()).toContain('Không tìm thấy đơn vị');
    expect(reporter.lastText()).not.toContain('Xã An Đức');
    await reporter.command('tiendo', 'ba tri');
    expect(reporter.lastText()).not.toMatch(/Huyện Ba Tri|Thị trấn Ba Tri/);
  });

  it('tells relations apart from the unit tree', async () => {
    const relationOf: RelationOf = (from, to) => bot.store.units.relationOf(from, to);
    for (const [relation, target] of Object.entries(FROM_COMMUNE))
      expect([relation, await relationOf('BT-BATRI-TANXUAN', target)]).toEqual([relation, relation]);
    expect(await relationOf('BT-BATRI', 'BT-BATRI-TANXUAN')).toBe('child');
    expect(await relationOf('BT', 'BT-BATRI-TANXUAN')).toBe('descendant');
  });

  it('lets a head see a descendant two levels down, but a team leader only their own team', async () => {
    const relationOf: RelationOf = (from, to) => bot.store.units.relationOf(from, to);
    expect(await can([{ role: 'head', unitCode: 'BT' }], 'progress.view', 'BT-BATRI-TANXUAN', relationOf)).toBe(true);
    expect(
      await can([{ role: 'team_leader', unitCode: 'BT-BATRI-TANXUAN' }], 'progress.view', 'BT-BATRI-ANDUC', relationOf),
    ).toBe(false);
    expect(await can([], 'progress.view', 'BT', relationOf)).toBe(false);
  });
});
