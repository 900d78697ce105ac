// Every unit-scoped command, for every role held on a district, against a unit in every
// relation to it. The table below is the specification, written out by hand: a cell
// allowed shows the target; a cell refused shows none of the target's name, figures or
// remarks, sends no file or chart, and changes nothing (no reminder queued, no report).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignBot } from '../campaign/campaignBot.js';
import type { TestPerson } from '../support/harness.js';
import type { Relation } from '../../src/campaign/access.js';
import type { Role } from '../../src/campaign/roles/types.js';
import { getUnit } from '../../src/campaign/units/repository.js';
import { versionsOf } from '../../src/campaign/reports/repository.js';
import { seedTargetReports, type TargetReport } from './support/targetReports.js';
import { seedTargetCommunity, type TargetCommunity } from './support/targetCommunity.js';
import { HandoffTickets } from '../../src/community/tickets.js';
import { rolesOf } from '../../src/campaign/roles/repository.js';

type Who = Role | 'citizen';
type Cmd =
  | 'tiendo'
  | 'tonghop'
  | 'export'
  | 'remindTap'
  | 'baocao'
  | 'nhacnho'
  | 'hotro'
  | 'nhanhotro'
  | 'truc'
  | 'hogiadinh'
  | 'moi'
  | 'thuhoi'
  | 'statsFile';
const RELATIONS = ['own', 'child', 'sibling', 'parent', 'elsewhere'] as const satisfies readonly Relation[];
type Rel = (typeof RELATIONS)[number];

// Seen from Huyện Ba Tri, where every role below is held.
const FROM = 'BT-BATRI';
const TARGET: Record<Rel, string> = {
  own: 'BT-BATRI',
  child: 'BT-BATRI-TANXUAN',
  sibling: 'BT-BINHDAI',
  parent: 'BT',
  elsewhere: 'BT-BINHDAI-PHUVANG',
};

const NONE: readonly Rel[] = [];
const OWN: readonly Rel[] = ['own'];
const BELOW: readonly Rel[] = ['own', 'child'];
const ALL: readonly Rel[] = RELATIONS;

/**
 * Where each role may act, per command. /nhacnho, /hotro and /hogiadinh take no target:
 * there the cell says whether the reply may name the target or show its data.
 * /hogiadinh records only on a commune the person holds a team role on, so never from a district.
 * /moi invites a reporter to the target, /thuhoi withdraws a reporter's role there. The statistics
 * export sent as a file (statsFile) may hold any unit, so only province-wide roles may send it;
 * on this channel they are told to use Telegram, everyone else gets the usual "files are not read".
 */
const ALLOWED: Record<Who, Record<Cmd, readonly Rel[]>> = {
  reporter: {
    tiendo: BELOW,
    tonghop: BELOW,
    export: NONE,
    remindTap: BELOW,
    baocao: OWN,
    nhacnho: OWN,
    hotro: NONE,
    nhanhotro: NONE,
    truc: NONE,
    hogiadinh: NONE,
    moi: NONE,
    thuhoi: NONE,
    statsFile: NONE,
  },
  head: {
    tiendo: BELOW,
    tonghop: BELOW,
    export: BELOW,
    remindTap: BELOW,
    baocao: OWN,
    nhacnho: OWN,
    hotro: BELOW,
    nhanhotro: BELOW,
    truc: BELOW,
    hogiadinh: NONE,
    moi: BELOW,
    thuhoi: BELOW,
    statsFile: NONE,
  },
  team_leader: {
    tiendo: BELOW,
    tonghop: NONE,
    export: NONE,
    remindTap: NONE,
    baocao: NONE,
    nhacnho: NONE,
    hotro: BELOW,
    nhanhotro: BELOW,
    truc: OWN,
    hogiadinh: NONE,
    moi: NONE,
    thuhoi: NONE,
    statsFile: NONE,
  },
  // A member's /truc shows their own duty on their own team.
  team_member: {
    tiendo: BELOW,
    tonghop: NONE,
    export: NONE,
    remindTap: NONE,
    baocao: NONE,
    nhacnho: NONE,
    hotro: BELOW,
    nhanhotro: BELOW,
    truc: OWN,
    hogiadinh: NONE,
    moi: NONE,
    thuhoi: NONE,
    statsFile: NONE,
  },
  compiler: {
    tiendo: ALL,
    tonghop: ALL,
    export: ALL,
    remindTap: ALL,
    baocao: NONE,
    nhacnho: ALL,
    hotro: NONE,
    nhanhotro: NONE,
    truc: NONE,
    hogiadinh: NONE,
    moi: ALL,
    thuhoi: ALL,
    statsFile: ALL,
  },
  admin: {
    tiendo: ALL,
    tonghop: ALL,
    export: ALL,
    remindTap: ALL,
    baocao: NONE,
    nhacnho: ALL,
    hotro: ALL,
    nhanhotro: ALL,
    truc: ALL,
    hogiadinh: NONE,
    moi: ALL,
    thuhoi: ALL,
    statsFile: ALL,
  },
  citizen: {
    tiendo: NONE,
    tonghop: NONE,
    export: NONE,
    remindTap: NONE,
    baocao: NONE,
    nhacnho: NONE,
    hotro: NONE,
    nhanhotro: NONE,
    truc: NONE,
    hogiadinh: NONE,
    moi: NONE,
    thuhoi: NONE,
    statsFile: NONE,
  },
};

let bot: Awaited<ReturnType<typeof campaignBot>>;
const secrets = new Map<string, string[]>();
let reports: Map<string, TargetReport>;
let community: Map<string, TargetCommunity>;
let cell = 0;

beforeAll(async () => {
  bot = await campaignBot();
  reports = seedTargetReports(bot.db, Object.values(TARGET), bot.as('seed-reporter').personId());
  community = seedTargetCommunity(bot.store, Object.values(TARGET), new Date('2023-12-08T14:00:00+07:00'));
  // What would leak: the target's name, its campaign figures as the compiler sees them, its report.
  const compiler = bot.official('matrix-compiler', 'BT', 'compiler');
  for (const code of Object.values(TARGET)) {
    await compiler.command('tiendo', code);
    const fractions = [...compiler.lastText().matchAll(/(\d[\d.]*\/\d[\d.]*) =/g)].map((m) => m[1]!);
    expect(fractions.length, code).toBeGreaterThan(0);
    const report = reports.get(code);
    const { topic, area } = community.get(code)!;
    secrets.set(code, [...namesUnder(code), ...fractions, topic, area, ...(report ? [report.remark, report.figure] : [])]);
  }
});
afterAll(() => bot?.close());

/** The target and every unit beneath it, except the person's own district and its communes. */
function namesUnder(code: string): string[] {
  const rows = bot.db
    .prepare(
      `SELECT u.name FROM unit_closure c JOIN unit u ON u.code = c.descendant_code
       WHERE c.ancestor_code = ? AND c.descendant_code NOT IN (SELECT descendant_code FROM unit_closure WHERE ancestor_code = ?)`,
    )
    .all(code, code === FROM ? '' : FROM) as { name: string }[];
  return rows.map((r) => r.name);
}

function person(who: Who): TestPerson {
  const id = `matrix-${cell++}-${who}`;
  return who === 'citizen' ? bot.as(id) : bot.official(id, FROM, who);
}

const outboxSize = () => (bot.db.prepare('SELECT COUNT(*) AS n FROM outbox_message').get() as { n: number }).n;
const invitesTo = (code: string) =>
  (bot.db.prepare('SELECT COUNT(*) AS n FROM invite WHERE unit_code = ?').get(code) as { n: number }).n;
const t = (key: string, vars: Record<string, unknown> = {}) => bot.runtime.texts.for('vi').t(key, vars);

/** Runs one cell; returns what the person saw and whether anything was changed for the target. */
async function run(cmd: Cmd, p: TestPerson, target: string): Promise<{ sideEffect: boolean }> {
  switch (cmd) {
    case 'tiendo':
      await p.command('tiendo', target);
      return { sideEffect: false };
    case 'tonghop':
      await p.command('tonghop', target);
      return { sideEffect: false };
    case 'export':
      await p.command('tonghop', `xuat ${target}`);
      return { sideEffect: false };
    case 'remindTap': {
      // The button a district's /tonghop shows, tapped (or forged) for this target.
      const before = outboxSize();
      await p.tapId(`/tonghop nhac ${target}`);
      return { sideEffect: outboxSize() > before };
    }
    case 'baocao': {
      // The form opens on the units the person files for; try to steer it to the target.
      const before = versionsOf(bot.db, target, 'weekly', reports.get(FROM)!.deadlineDay).length;
      await p.command('baocao');
      if (p.lastReplies.some((r) => r.choices?.some((c) => c.id.startsWith('o|')))) await p.send(getUnit(bot.db, target)!.name);
      const after = versionsOf(bot.db, target, 'weekly', reports.get(FROM)!.deadlineDay).length;
      return { sideEffect: after !== before };
    }
    case 'nhacnho':
      await p.command('nhacnho');
      return { sideEffect: false };
    case 'hotro':
      await p.command('hotro');
      return { sideEffect: false };
    case 'nhanhotro': {
      const { ticketId } = community.get(target)!;
      await p.command('nhanhotro', String(ticketId));
      return { sideEffect: new HandoffTickets(bot.db).get(ticketId)?.takenBy === p.personId() };
    }
    case 'truc':
      await p.command('truc', target);
      return { sideEffect: false };
    case 'hogiadinh':
      await p.command('hogiadinh');
      return { sideEffect: false };
    case 'moi': {
      const before = invitesTo(target);
      await p.command('moi', `${target} baocao`);
      return { sideEffect: invitesTo(target) > before };
    }
    case 'thuhoi': {
      // A reporter of the target, whose role the tap (or a forged one) would withdraw.
      const held = bot.official(`matrix-${cell++}-held`, target, 'reporter');
      await p.tapId(`/thuhoi ${target} ${held.personId()} baocao ok`);
      return { sideEffect: rolesOf(bot.db, held.personId()).length === 0 };
    }
    case 'statsFile':
      await p.media('file');
      return { sideEffect: false };
  }
}

function expectShown(who: Who, cmd: Cmd, p: TestPerson, target: string) {
  const name = getUnit(bot.db, target)!.name;
  const text = p.lastText();
  switch (cmd) {
    case 'tiendo':
      return expect(text).toContain(`Tiến độ chiến dịch: ${name}`);
    case 'tonghop':
      return expect(text).toContain(`— ${name}`);
    case 'export':
      return expect(p.lastReplies.find((r) => r.document)?.document?.caption).toContain(name);
    case 'remindTap':
      return expect(text).not.toContain(t('reports:tonghop.denied'));
    case 'baocao':
      return expect(text).toContain(name);
    case 'hotro':
      return expect(text).toContain(community.get(target)!.topic);
    case 'nhanhotro':
      return expect(text).not.toContain(t('community:take.unknown', { id: community.get(target)!.ticketId }));
    case 'truc':
    case 'hogiadinh':
      return expect(text).toContain(name);
    case 'moi':
      return expect(text).toContain(`Mã mời cán bộ báo cáo của ${name}`);
    case 'thuhoi':
      expect(text).toContain('Đã thu hồi vai trò cán bộ báo cáo');
      return expect(text).toContain(name);
    case 'statsFile':
      // This channel cannot hand over the file: the sender is told where to send it.
      return expect(text).toContain(t('campaign:statsFile.noFilesHere'));
    case 'nhacnho':
      // A reporter is reminded of their unit's report; a head only when the unit has no reporter.
      return who === 'reporter' ? expect(text).toContain(`của ${name}`) : undefined;
  }
}

function expectNothingOf(p: TestPerson, target: string, sideEffect: boolean) {
  const text = p.lastReplies
    .map((r) => [r.text, ...(r.choices ?? []).map((c) => c.label), r.document?.caption ?? ''].join('\n'))
    .join('\n');
  for (const secret of secrets.get(target)!) expect(text, `leaks “${secret}”`).not.toContain(secret);
  expect(p.lastReplies.some((r) => r.image || r.document)).toBe(false);
  expect(sideEffect).toBe(false);
}

describe('permission matrix: role on a district × command × target unit', () => {
  const cases = (Object.keys(ALLOWED) as Who[]).flatMap((who) =>
    (Object.keys(ALLOWED[who]) as Cmd[]).flatMap((cmd) =>
      RELATIONS.map((rel) => ({ who, cmd, rel, allowed: ALLOWED[who][cmd].includes(rel) })),
    ),
  );
  it.each(cases)('$who × $cmd × $rel → allowed: $allowed', async ({ who, cmd, rel, allowed }) => {
    const p = person(who);
    const target = TARGET[rel];
    const { sideEffect } = await run(cmd, p, target);
    expect(p.lastReplies.length).toBeGreaterThan(0);
    if (allowed) expectShown(who, cmd, p, target);
    if (!allowed) expectNothingOf(p, target, sideEffect);
  });

  it('a file from anyone who may not import statistics gets the usual answer, which says nothing of the import', async () => {
    for (const who of ['reporter', 'head', 'team_leader', 'team_member', 'citizen'] as const) {
      const p = person(who);
      await p.media('file');
      expect(p.lastText(), who).toContain(t('common:media.notRead'));
      expect(p.lastText(), who).not.toMatch(/stats:import|thống kê/);
    }
  });

  it('/hogiadinh shows a commune team its own households, and a neighbouring team nothing of them', async () => {
    const child = TARGET.child;
    const own = bot.official(`matrix-${cell++}-leader`, child, 'team_leader');
    await own.command('hogiadinh');
    expect(own.lastText()).toContain(community.get(child)!.area);
    const neighbour = bot.official(`matrix-${cell++}-leader`, 'BT-BATRI-ANDUC', 'team_leader');
    await neighbour.command('hogiadinh');
    expect(neighbour.lastText()).toContain('Xã An Đức');
    for (const secret of secrets.get(child)!) expect(neighbour.lastText()).not.toContain(secret);
  });

  it('shows the reminder tap and the Excel file only to those who may use them', async () => {
    for (const who of ['reporter', 'head', 'compiler'] as const) {
      const p = person(who);
      await p.command('tonghop', FROM);
      const ids = p.lastReplies.flatMap((r) => r.choices ?? []).map((c) => c.id);
      expect(ids.includes(`/tonghop xuat ${FROM}`), who).toBe(ALLOWED[who].export.includes('own'));
    }
  });
});
