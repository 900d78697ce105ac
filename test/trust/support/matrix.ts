// The permission matrix, shared by the test that checks it (permissionMatrix.test.ts) and the
// one that proves its refusals can fail (permissionMatrix.open.test.ts). The tables below are
// the specification, written out by hand. An allowed cell shows what only an allowed person
// sees; a refused cell gets the command's own refusal, shows none of the target's names,
// figures, remarks or requests, sends no file or chart, and changes nothing.
import { expect } from 'vitest';
import { campaignBot, DEMO_NOW } from '../../campaign/campaignBot.js';
import type { TestPerson } from '../../support/harness.js';
import type { Relation } from '../../../src/campaign/access.js';
import type { Role } from '../../../src/campaign/roles/types.js';
import { unitNameInSentence } from '../../../src/campaign/units/nameInSentence.js';
import { compile, toDateAsOf } from '../../../src/campaign/reports/compilation.js';
import { reportingPeriodOf } from '../../../src/campaign/reports/week.js';
import { provinceDay } from '../../../src/campaign/weeks.js';
import { seedTargetReports, type TargetReport } from './targetReports.js';
import { seedTargetCommunity, type TargetCommunity } from './targetCommunity.js';

export type Who = Role | 'citizen';
/** Commands that name (or list) a unit, checked against a unit in every relation. */
export type Cmd = 'tiendo' | 'tonghop' | 'export' | 'remindTap' | 'hotro' | 'nhanhotro' | 'truc' | 'moi' | 'thuhoi';
/** Commands that take no unit: only the role decides, so they are checked per role, not per relation. */
export type OwnCmd = 'baocao' | 'nhacnho' | 'hogiadinh' | 'statsFile';

export const RELATIONS = ['own', 'child', 'sibling', 'parent', 'elsewhere'] as const satisfies readonly Relation[];
export type Rel = (typeof RELATIONS)[number];

// Seen from Huyện Ba Tri, where every role below is held.
export const FROM = 'BT-BATRI';
export const TARGET: Record<Rel, string> = {
  own: 'BT-BATRI',
  child: 'BT-BATRI-TANXUAN',
  sibling: 'BT-BINHDAI',
  parent: 'BT',
  elsewhere: 'BT-BINHDAI-PHUVANG',
};
/** A commune whose coming weekly report is already in: its head has nothing missing to be told about. */
const REPORTED = 'BT-BATRI-ANHIEP';

const NONE: readonly Rel[] = [];
const OWN: readonly Rel[] = ['own'];
const BELOW: readonly Rel[] = ['own', 'child'];
const ALL: readonly Rel[] = RELATIONS;

/**
 * Where each role may act, per command. /hotro takes no argument, but every target unit has
 * an open request, so the cell says whether that request is in the list. /nhanhotro takes a
 * request of the target. /moi invites a reporter to the target, /thuhoi withdraws a reporter's
 * role there. A member's /truc shows their own duty on their own team.
 */
export const ALLOWED: Record<Who, Record<Cmd, readonly Rel[]>> = {
  reporter: {
    tiendo: BELOW,
    tonghop: BELOW,
    export: NONE,
    remindTap: BELOW,
    hotro: NONE,
    nhanhotro: NONE,
    truc: NONE,
    moi: NONE,
    thuhoi: NONE,
  },
  head: {
    tiendo: BELOW,
    tonghop: BELOW,
    export: BELOW,
    remindTap: BELOW,
    hotro: BELOW,
    nhanhotro: BELOW,
    truc: BELOW,
    moi: BELOW,
    thuhoi: BELOW,
  },
  team_leader: {
    tiendo: BELOW,
    tonghop: NONE,
    export: NONE,
    remindTap: NONE,
    hotro: BELOW,
    nhanhotro: BELOW,
    truc: OWN,
    moi: NONE,
    thuhoi: NONE,
  },
  team_member: {
    tiendo: BELOW,
    tonghop: NONE,
    export: NONE,
    remindTap: NONE,
    hotro: BELOW,
    nhanhotro: BELOW,
    truc: OWN,
    moi: NONE,
    thuhoi: NONE,
  },
  compiler: {
    tiendo: ALL,
    tonghop: ALL,
    export: ALL,
    remindTap: ALL,
    hotro: NONE,
    nhanhotro: NONE,
    truc: NONE,
    moi: ALL,
    thuhoi: ALL,
  },
  admin: {
    tiendo: ALL,
    tonghop: ALL,
    export: ALL,
    remindTap: ALL,
    hotro: ALL,
    nhanhotro: ALL,
    truc: ALL,
    moi: ALL,
    thuhoi: ALL,
  },
  citizen: {
    tiendo: NONE,
    tonghop: NONE,
    export: NONE,
    remindTap: NONE,
    hotro: NONE,
    nhanhotro: NONE,
    truc: NONE,
    moi: NONE,
    thuhoi: NONE,
  },
};

/**
 * Commands without a target. In a relation matrix their five cells would run the same thing
 * five times and could only check that a name is absent, so here each role is one cell, held
 * on the one unit where the command can act: /baocao files for the units one holds a role on,
 * /nhacnho shows one's own reminders, /hogiadinh records only on a commune (held on a
 * district it refuses everyone), and a statistics file may hold any unit, so only
 * province-wide roles may import one (on this channel they are told to use Telegram).
 */
const OWN_HOME: Record<OwnCmd, string> = {
  baocao: FROM,
  nhacnho: FROM,
  hogiadinh: TARGET.child,
  statsFile: FROM,
};
const OFFICIALS: readonly Who[] = ['reporter', 'head', 'team_leader', 'team_member', 'compiler', 'admin'];
export const OWN_ALLOWED: Record<OwnCmd, readonly Who[]> = {
  baocao: ['reporter', 'head'],
  nhacnho: OFFICIALS,
  hogiadinh: ['head', 'team_leader', 'team_member', 'admin'],
  statsFile: ['compiler', 'admin'],
};

export type Case =
  | { kind: 'relation'; name: string; who: Who; cmd: Cmd; rel: Rel; allowed: boolean }
  | { kind: 'own'; name: string; who: Who; cmd: OwnCmd; allowed: boolean }
  // /nhacnho's one check of reach: a head is told of the missing reports of their own unit and
  // below, never of others (the planner asks access.ts where a head oversees).
  | { kind: 'escalation'; name: string; allowed: false };

const WHO = Object.keys(ALLOWED) as Who[];
export const RELATION_CASES: Case[] = WHO.flatMap((who) =>
  (Object.keys(ALLOWED[who]) as Cmd[]).flatMap((cmd) =>
    RELATIONS.map((rel) => ({
      kind: 'relation' as const,
      name: `${who} × ${cmd} × ${rel}`,
      who,
      cmd,
      rel,
      allowed: ALLOWED[who][cmd].includes(rel),
    })),
  ),
);
export const OWN_CASES: Case[] = (Object.keys(OWN_ALLOWED) as OwnCmd[]).flatMap((cmd) =>
  WHO.map((who) => ({ kind: 'own' as const, name: `${who} × ${cmd}`, who, cmd, allowed: OWN_ALLOWED[cmd].includes(who) })),
);
export const ESCALATION_CASE: Case = {
  kind: 'escalation',
  name: 'head of a commune that has reported × nhacnho × reports missing elsewhere',
  allowed: false,
};
export const CASES: readonly Case[] = [...RELATION_CASES, ...OWN_CASES, ESCALATION_CASE];

let bot: Awaited<ReturnType<typeof campaignBot>>;
const secrets = new Map<string, string[]>();
let reports: Map<string, TargetReport>;
let community: Map<string, TargetCommunity>;
let serial = 0;

/** The demo tree, a report and a request on every target unit, and what of each would leak. */
export async function setUpMatrix(): Promise<void> {
  bot = await campaignBot();
  const reporterId = await bot.as('seed-reporter').personId();
  reports = await seedTargetReports(bot.store, Object.values(TARGET), reporterId);
  await seedTargetReports(bot.store, [REPORTED], reporterId, new Date('2023-12-14T09:00:00+07:00'));
  community = await seedTargetCommunity(bot.store, Object.values(TARGET), new Date('2023-12-08T14:00:00+07:00'));
  // What would leak: the target's name, its campaign figures as the compiler sees them, its
  // report, its open request and its households.
  const compiler = await bot.official('matrix-compiler', 'BT', 'compiler');
  for (const code of Object.values(TARGET)) {
    await compiler.command('tiendo', code);
    const fractions = [...compiler.lastText().matchAll(/(\d[\d.]*\/\d[\d.]*) =/g)].map((m) => m[1]!);
    expect(fractions.length, code).toBeGreaterThan(0);
    const report = reports.get(code);
    const { topic, area } = community.get(code)!;
    secrets.set(code, [
      ...(await namesUnder(code)),
      ...fractions,
      topic,
      area,
      ...(report ? [report.remark, report.figure] : []),
    ]);
  }
}

export async function tearDownMatrix(): Promise<void> {
  await bot?.close();
}

/** Runs one case and checks it; throws the assertion error when the case does not hold. */
export async function check(c: Case): Promise<void> {
  switch (c.kind) {
    case 'relation':
      return checkRelation(c.who, c.cmd, c.rel, c.allowed);
    case 'own':
      return checkOwn(c.who, c.cmd, c.allowed);
    case 'escalation':
      return checkEscalation();
  }
}

/** The target's request and households, for checks beside the matrix. */
export function targetCommunity(rel: Rel): TargetCommunity {
  return community.get(TARGET[rel])!;
}

/** What of the target would leak, for checks beside the matrix. */
export function targetSecrets(rel: Rel): string[] {
  return secrets.get(TARGET[rel])!;
}

/** The target and every unit beneath it, except the person's own district and its communes. */
async function namesUnder(code: string): Promise<string[]> {
  const sql = bot.store.sql;
  const own = sql
    .selectFrom('unit_closure')
    .select('descendant_code')
    .where('ancestor_code', '=', code === FROM ? '' : FROM);
  const rows = await sql
    .selectFrom('unit_closure as c')
    .innerJoin('unit as u', 'u.code', 'c.descendant_code')
    .select('u.name')
    .where('c.ancestor_code', '=', code)
    .where('c.descendant_code', 'not in', own)
    .execute();
  return rows.map((r) => r.name);
}

/** A person holding the role on the unit; a citizen who has talked to the bot before. */
export async function person(who: Who, unit = FROM): Promise<TestPerson> {
  const id = `matrix-${serial++}-${who}`;
  if (who !== 'citizen') return bot.official(id, unit, who);
  const citizen = bot.as(id);
  await bot.store.persons.markNoticed(await citizen.personId());
  return citizen;
}

const t = (key: string, vars: Record<string, unknown> = {}) => bot.runtime.texts.for('vi').t(key, vars);
const outboxSize = async () => (await bot.store.sql.selectFrom('outbox_message').select('id').execute()).length;
const invitesTo = async (code: string) =>
  (await bot.store.sql.selectFrom('invite').select('id').where('unit_code', '=', code).execute()).length;
const unitName = async (code: string) => (await bot.store.units.getUnit(code))!.name;

/** Every text, button label and file caption the person was sent in the last turn. */
function everythingSent(p: TestPerson): string {
  return p.lastReplies
    .map((r) => [r.text, ...(r.choices ?? []).map((c) => c.label), r.document?.caption ?? ''].join('\n'))
    .join('\n');
}

function expectNothingOf(p: TestPerson, leaks: readonly string[], sideEffect: boolean) {
  const sent = everythingSent(p);
  for (const secret of leaks) expect(sent, `leaks “${secret}”`).not.toContain(secret);
  expect(p.lastReplies.some((r) => r.image || r.document)).toBe(false);
  expect(sideEffect, 'changed something').toBe(false);
}

/** The units below the target that have not reported for the current period, as /tonghop nhac reminds them. */
async function missingBelow(code: string): Promise<string[]> {
  const definition = (await bot.store.campaigns.campaignFor(code, provinceDay(DEMO_NOW)))!;
  const period = reportingPeriodOf(definition, DEMO_NOW)!;
  return (await compile(bot.store, definition, code, period, toDateAsOf(period, DEMO_NOW))).filings
    .filter((f) => f.state === 'missing' && f.unit.code !== code)
    .map((f) => f.unit.name);
}

interface Ran {
  sideEffect: boolean;
  /** What of this cell alone would leak (a request opened for it). */
  leaks: string[];
  ticket?: { id: number; topic: string };
}

async function run(cmd: Cmd, p: TestPerson, target: string): Promise<Ran> {
  const none: Ran = { sideEffect: false, leaks: [] };
  switch (cmd) {
    case 'tiendo':
      await p.command('tiendo', target);
      return none;
    case 'tonghop':
      await p.command('tonghop', target);
      return none;
    case 'export':
      await p.command('tonghop', `xuat ${target}`);
      return none;
    case 'remindTap': {
      // The button a district's /tonghop shows, tapped (or forged) for this target.
      const before = await outboxSize();
      await p.tapId(`/tonghop nhac ${target}`);
      return { sideEffect: (await outboxSize()) > before, leaks: [] };
    }
    case 'hotro':
      await p.command('hotro');
      return none;
    case 'nhanhotro': {
      // A request of its own for each cell, so an allowed cell takes it and a refused one cannot.
      const asker = { channel: 'terminal' as const, externalId: `matrix-${serial++}-asker` };
      const { person: citizen } = await bot.store.persons.findOrCreate(asker, 'vi');
      const topic = `Hỏi thủ tục riêng số ${serial}`;
      const tickets = bot.store.tickets;
      const { id } = (await tickets.open({ unitCode: target, citizenId: citizen.id, citizen: asker, topic, at: DEMO_NOW }))!;
      await p.command('nhanhotro', String(id));
      return { sideEffect: (await tickets.get(id))?.takenBy === (await p.personId()), leaks: [topic], ticket: { id, topic } };
    }
    case 'truc':
      await p.command('truc', target);
      return none;
    case 'moi': {
      const before = await invitesTo(target);
      await p.command('moi', `${target} baocao`);
      return { sideEffect: (await invitesTo(target)) > before, leaks: [] };
    }
    case 'thuhoi': {
      // A reporter of the target, whose role the tap (or a forged one) would withdraw.
      const held = await bot.official(`matrix-${serial++}-held`, target, 'reporter');
      const heldId = await held.personId();
      await p.tapId(`/thuhoi ${target} ${heldId} baocao ok`);
      return { sideEffect: (await bot.store.roles.rolesOf(heldId)).length === 0, leaks: [] };
    }
  }
}

/** What only a person allowed this cell sees. */
async function expectShown(cmd: Cmd, p: TestPerson, target: string, ran: Ran) {
  const name = await unitName(target);
  const text = p.lastText();
  switch (cmd) {
    case 'tiendo':
      return expect(text).toContain(`Tiến độ chiến dịch: ${name}`);
    case 'tonghop':
      return expect(text).toContain(`— ${name}`);
    case 'export':
      return expect(p.lastReplies.find((r) => r.document)?.document?.caption).toContain(name);
    case 'remindTap': {
      // Every missing unit below is named, as reminded or as having nobody to remind.
      const missing = await missingBelow(target);
      return missing.length ? expect(text).toContain(missing[0]) : expect(text).toBe(t('reports:tonghop.nobodyMissing'));
    }
    case 'hotro':
      return expect(text).toContain(community.get(target)!.topic);
    case 'nhanhotro':
      return expect(text).toBe(
        t('community:take.won', { id: ran.ticket!.id, unit: unitNameInSentence(name), topic: ran.ticket!.topic }),
      );
    case 'truc':
      return expect(text).toContain(name);
    case 'moi':
      return expect(text).toContain(`Mã mời cán bộ báo cáo của ${name}`);
    case 'thuhoi':
      expect(text).toContain('Đã thu hồi vai trò cán bộ báo cáo');
      return expect(text).toContain(name);
  }
}

/** The command's own refusal, as it answers this person for this target. */
function expectRefused(who: Who, cmd: Cmd, p: TestPerson, target: string, ran: Ran) {
  const text = p.lastText();
  // Those who may use the command somewhere are told the target is out of their reach; the
  // others that the command is not theirs.
  const somewhere = ALLOWED[who][cmd].length > 0;
  switch (cmd) {
    case 'tiendo':
      return expect(text).toBe(
        who === 'citizen' ? t('campaign:tiendo.officialsOnly') : t('campaign:tiendo.notFound', { query: target }),
      );
    case 'tonghop':
    case 'export':
    case 'remindTap':
      return expect(text).toBe(t('reports:tonghop.denied'));
    case 'hotro': {
      if (!somewhere) return expect(text).toContain(t('guides:hotro.ask', { communeExample: '' }));
      // The open requests they may take, without the target's.
      expect(text).toContain(t('community:tickets.footer'));
      const ids = p.lastReplies.flatMap((r) => r.choices ?? []).map((c) => c.id);
      return expect(ids).not.toContain(`/nhanhotro ${community.get(target)!.ticketId}`);
    }
    case 'nhanhotro':
      return expect(text).toBe(t('community:take.unknown', { id: ran.ticket!.id }));
    case 'truc':
      return expect(text).toBe(
        somewhere ? t('community:roster.notYourUnit', { unit: target }) : t('community:roster.notAllowed'),
      );
    case 'moi':
      return expect(text).toBe(somewhere ? t('campaign:moi.notFound', { query: target }) : t('campaign:moi.denied'));
    case 'thuhoi':
      return expect(text).toBe(somewhere ? t('campaign:thuhoi.notFound', { query: target }) : t('campaign:thuhoi.denied'));
  }
}

async function checkRelation(who: Who, cmd: Cmd, rel: Rel, allowed: boolean): Promise<void> {
  const p = await person(who);
  const target = TARGET[rel];
  const ran = await run(cmd, p, target);
  expect(p.lastReplies.length).toBeGreaterThan(0);
  if (allowed) return expectShown(cmd, p, target, ran);
  expectRefused(who, cmd, p, target, ran);
  expectNothingOf(p, [...secrets.get(target)!, ...ran.leaks], ran.sideEffect);
}

async function checkOwn(who: Who, cmd: OwnCmd, allowed: boolean): Promise<void> {
  const home = OWN_HOME[cmd];
  const p = await person(who, home);
  const text = () => p.lastText();
  switch (cmd) {
    case 'baocao': {
      const report = reports.get(home)!;
      const versions = async () => (await bot.store.reports.versionsOf(home, 'weekly', report.deadlineDay)).length;
      const before = await versions();
      await p.command('baocao');
      // The form of the unit's report, filed this morning, with its remark.
      if (allowed) return expect(text()).toContain(report.remark);
      expect(text()).toContain(t('reports:form.denied'));
      return expectNothingOf(p, [report.remark, report.figure], (await versions()) !== before);
    }
    case 'nhacnho':
      await p.command('nhacnho');
      if (allowed) return expect(text()).toContain(t('reminders:nhacnho.active'));
      expect(text()).toBe(t('reminders:nhacnho.notOfficial'));
      return expectNothingOf(p, [await unitName(home)], false);
    case 'hogiadinh': {
      const { area } = community.get(home)!;
      await p.command('hogiadinh');
      if (allowed) return expect(text()).toContain(area);
      expect(text()).toBe(t('community:households.notAllowed'));
      return expectNothingOf(p, [area, await unitName(home)], false);
    }
    case 'statsFile':
      await p.media('file');
      // This channel cannot hand over the file: those who may import are told where to send it.
      if (allowed) return expect(text()).toBe(t('campaign:statsFile.noFilesHere'));
      // Everyone else gets the usual answer to a file, which says nothing of the import.
      expect(text()).toContain(t('common:media.notRead'));
      expect(text()).not.toMatch(/stats:import|thống kê/);
      return expectNothingOf(p, [], false);
  }
}

/** The start of /nhacnho's line for the list of missing weekly reports, before its deadline. */
export const escalationLine = () =>
  t('reminders:nhacnho.what.escalation', { report: t('reminders:round.weekly'), deadline: '' }).split(' (')[0]!;

async function checkEscalation(): Promise<void> {
  // Its own report is in and nothing is below it; units elsewhere have not reported yet.
  const head = await person('head', REPORTED);
  await head.command('nhacnho');
  expect(head.lastText()).toContain(t('reminders:nhacnho.none', { days: 7 }));
  expect(head.lastText()).not.toContain(escalationLine());
}
