// The community repositories give the same answers on SQLite and PostgreSQL: one open
// request per citizen, the first "take it" wins, escalation marks only move forward and
// tell nobody twice, the roster and the teams above a unit, household figures and their
// sums, and the roll-ups rebuilt from the tables equal the ones the triggers keep.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, type OpenEngine } from '../support/engines.js';
import { AN_DUC, TAN_XUAN, smallTree as writeSmallTree } from '../support/smallTree.js';
import { TicketRepository } from '../../src/store/community/tickets.js';
import { TeamRosterRepository } from '../../src/store/community/roster.js';
import { HouseholdCoverageRepository } from '../../src/store/community/households.js';
import { CommunityFigures } from '../../src/store/community/figures.js';
import { rebuildCommunityRollups } from '../../src/store/community/rollup.js';
import { chainOfTeams } from '../../src/community/escalation.js';

const AT = new Date('2023-12-08T08:00:00.000Z');
const later = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);

/** A province, a district with two communes, their closure, and the roll-up rows of each unit. */
async function smallTree(db: OpenEngine): Promise<void> {
  await writeSmallTree(db);
  await rebuildCommunityRollups(db.sql);
}

async function people(db: OpenEngine, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await db.sql.insertInto('person').values({ locale: 'vi' }).returning('id').executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

async function grant(db: OpenEngine, personId: number, unitCode: string, role: string): Promise<void> {
  await db.sql
    .insertInto('person_role')
    .values({ person_id: personId, unit_code: unitCode, role, granted_at: AT.toISOString() })
    .execute();
}

const chat = (externalId: string) => ({ channel: 'telegram' as const, externalId });

/** Every roll-up row, in a fixed order, numbers as numbers. */
async function rollups(db: OpenEngine) {
  const households = await db.sql.selectFrom('household_coverage_rollup').selectAll().orderBy('ancestor_code').execute();
  const handoff = await db.sql.selectFrom('handoff_rollup').selectAll().orderBy('ancestor_code').orderBy('opened_day').execute();
  const guides = await db.sql
    .selectFrom('guide_outcome_rollup')
    .selectAll()
    .orderBy('ancestor_code')
    .orderBy('day')
    .orderBy('outcome')
    .execute();
  const numbers = (rows: object[]) =>
    rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v])),
    );
  return { households: numbers(households), handoff: numbers(handoff), guides: numbers(guides) };
}

describe.each(ENGINES)('the community store on $name', (engine) => {
  let db: OpenEngine;
  beforeEach(async () => {
    db = await engine.open();
    await smallTree(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps one request open per citizen, gives it to the first official, and counts answers once', async () => {
    const tickets = new TicketRepository(db.sql);
    const [citizen, a, b, c] = await people(db, 4);
    const request = { unitCode: TAN_XUAN, citizenId: citizen!, citizen: chat('c'), topic: 'khong dang nhap duoc', at: AT };
    const opened = (await tickets.openTelling(request, [a!, b!]))!;
    expect(opened).toMatchObject({
      unitCode: TAN_XUAN,
      citizenId: citizen,
      status: 'waiting',
      takenBy: null,
      escalationLevel: 0,
    });
    expect(opened.openedAt).toEqual(AT);
    expect(await tickets.open({ ...request, topic: 'lan nua' })).toBeUndefined();
    expect(await tickets.openTelling({ ...request, topic: 'lan nua' }, [c!])).toBeUndefined();
    expect((await tickets.openOf(citizen!))?.id).toBe(opened.id);
    expect(await tickets.recipients(opened.id)).toEqual([a, b].sort((x, y) => x! - y!));

    const won = await tickets.take(opened.id, a!, chat('a'), later(5));
    expect(won).toMatchObject({ status: 'taken', ticket: { status: 'taken', takenBy: a, official: chat('a') } });
    expect(await tickets.take(opened.id, b!, chat('b'), later(6))).toMatchObject({ status: 'takenByOther' });
    expect(await tickets.take(opened.id, a!, chat('a2'), later(7))).toMatchObject({ status: 'mine' });
    expect((await tickets.activeFor(a!))?.official).toEqual(chat('a2'));
    expect(await tickets.activeFor(b!)).toBeUndefined();
    expect(await tickets.take(9999, a!, chat('a'), later(7))).toEqual({ status: 'unknown' });

    expect(await tickets.countRelay(opened.id, false, later(8))).toBe(1);
    expect((await tickets.get(opened.id))?.firstAnswerAt).toBeUndefined();
    expect(await tickets.countRelay(opened.id, true, later(9))).toBe(2);
    expect(await tickets.countRelay(opened.id, true, later(10))).toBe(3);
    expect((await tickets.get(opened.id))?.firstAnswerAt).toEqual(later(9));

    expect(await tickets.rate(opened.id, citizen!, 5)).toBe(false);
    expect(await tickets.close(opened.id, 'official', later(11))).toBe(true);
    expect(await tickets.close(opened.id, 'citizen', later(12))).toBe(false);
    expect(await tickets.take(opened.id, b!, chat('b'), later(13))).toMatchObject({ status: 'closed' });
    const closed = (await tickets.get(opened.id))!;
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'official', topic: null, closedAt: later(11) });
    expect(await tickets.openOf(citizen!)).toBeUndefined();
    expect(await tickets.rate(opened.id, a!, 5)).toBe(false);
    expect(await tickets.rate(opened.id, citizen!, 4)).toBe(true);
    expect(await tickets.rate(opened.id, citizen!, 1)).toBe(false);
    expect((await tickets.get(opened.id))?.rating).toBe(4);

    const figures = new CommunityFigures(db.sql);
    const day = { from: '2023-12-08', to: '2023-12-08' };
    expect(await figures.handoffFiguresUnder('BT', day)).toEqual({
      opened: 1,
      answered: 1,
      meanMinutesToAnswer: 9,
      meanRating: 4,
      ratings: 1,
    });
    expect(await figures.handoffFiguresUnder(AN_DUC, day)).toEqual({ opened: 0, answered: 0, ratings: 0 });

    // A new request after the first closed; erasure closes it and forgets the chat.
    expect(await tickets.countsOf(citizen!)).toEqual({ open: 0, closed: 1 });
    const second = (await tickets.open({ ...request, at: later(20) }))!;
    expect(await tickets.countsOf(citizen!)).toEqual({ open: 1, closed: 1 });
    await tickets.forgetCitizen(citizen!, later(30));
    expect(await tickets.countsOf(citizen!)).toEqual({ open: 0, closed: 2 });
    expect(await tickets.get(second.id)).toMatchObject({
      status: 'closed',
      closedBy: 'citizen',
      closedAt: later(30),
      topic: null,
      citizen: { channel: '', externalId: '' },
    });
    // The first one keeps when and by whom it was closed.
    expect(await tickets.get(opened.id)).toMatchObject({ closedBy: 'official', closedAt: later(11) });
  });

  it('lists open requests under units oldest first, and escalates forward only, telling each person once', async () => {
    const tickets = new TicketRepository(db.sql);
    const [c1, c2, c3, x, y, z] = await people(db, 6);
    const open = (citizenId: number, unitCode: string, minutes: number) =>
      tickets.open({ unitCode, citizenId, citizen: chat(`c${citizenId}`), topic: 'hoi', at: later(minutes) });
    const t1 = (await open(c1!, AN_DUC, 10))!;
    const t2 = (await open(c2!, TAN_XUAN, 5))!;
    const t3 = (await open(c3!, 'BT-BATRI', 7))!;
    expect((await tickets.openUnder('anywhere', 10)).map((t) => t.id)).toEqual([t2.id, t3.id, t1.id]);
    expect((await tickets.openUnder('anywhere', 2)).map((t) => t.id)).toEqual([t2.id, t3.id]);
    expect((await tickets.openUnder([TAN_XUAN], 10)).map((t) => t.id)).toEqual([t2.id]);
    expect((await tickets.openUnder(['BT-BATRI'], 10)).map((t) => t.id)).toEqual([t2.id, t3.id, t1.id]);
    expect((await tickets.openUnder([AN_DUC, TAN_XUAN], 10)).map((t) => t.id)).toEqual([t2.id, t1.id]);
    expect(await tickets.openUnder([], 10)).toEqual([]);
    expect((await tickets.waiting()).map((t) => t.id)).toEqual([t1.id, t2.id, t3.id]);

    expect(await tickets.escalate(t1.id, 1, [x!, y!])).toEqual([x, y]);
    // A second run at the same level changes nothing.
    expect(await tickets.escalate(t1.id, 1, [x!, y!])).toEqual([]);
    expect(await tickets.escalate(t1.id, 2, [y!, z!])).toEqual([z]);
    expect((await tickets.get(t1.id))?.escalationLevel).toBe(2);
    expect(await tickets.escalate(t1.id, 1, [x!])).toEqual([]);
    expect((await tickets.get(t1.id))?.escalationLevel).toBe(2);
    expect(await tickets.recipients(t1.id)).toEqual([x, y, z]);
    await tickets.take(t2.id, x!, chat('x'), later(11));
    expect(await tickets.escalate(t2.id, 1, [y!])).toEqual([]);
    expect(await tickets.recipients(t2.id)).toEqual([]);
    expect((await tickets.openUnder([TAN_XUAN], 10)).map((t) => [t.id, t.status])).toEqual([[t2.id, 'taken']]);
  });

  it('keeps the roster, and finds the teams of a unit and above it nearest first', async () => {
    const roster = new TeamRosterRepository(db.sql);
    const [member, leader, both, head, districtLeader, districtHead] = await people(db, 6);
    await grant(db, member!, TAN_XUAN, 'team_member');
    await grant(db, leader!, TAN_XUAN, 'team_leader');
    await grant(db, both!, TAN_XUAN, 'team_member');
    await grant(db, both!, TAN_XUAN, 'team_leader');
    await grant(db, head!, TAN_XUAN, 'head');
    await grant(db, districtLeader!, 'BT-BATRI', 'team_leader');
    await grant(db, districtHead!, 'BT-BATRI', 'head');

    const leaders = [leader!, both!].sort((p, q) => p - q);
    expect(await roster.members(TAN_XUAN)).toEqual([
      ...leaders.map((personId) => ({ personId, role: 'team_leader', onDuty: false })),
      { personId: member, role: 'team_member', onDuty: false },
    ]);
    expect(await roster.setDuty(TAN_XUAN, member!, true, leader!, AT)).toBe(true);
    expect(await roster.setDuty(TAN_XUAN, member!, true, leader!, AT)).toBe(true);
    expect(await roster.setDuty(TAN_XUAN, both!, true, leader!, AT)).toBe(true);
    expect(await roster.setDuty(TAN_XUAN, head!, true, leader!, AT)).toBe(false);
    expect(await roster.onDuty(TAN_XUAN)).toEqual([both, member]);
    expect(await roster.setDuty(TAN_XUAN, both!, false, leader!, AT)).toBe(true);
    expect(await roster.onDuty(TAN_XUAN)).toEqual([member]);

    const teams = await roster.teamsUp(TAN_XUAN);
    expect(teams).toEqual([
      { depth: 0, unitCode: TAN_XUAN, onDuty: [member], leaders, heads: [head] },
      { depth: 1, unitCode: 'BT-BATRI', onDuty: [], leaders: [districtLeader], heads: [districtHead] },
    ]);
    expect(chainOfTeams(teams)).toEqual([[member], leaders, [districtLeader]]);
    expect(await roster.teamsUp(AN_DUC)).toEqual([
      { depth: 1, unitCode: 'BT-BATRI', onDuty: [], leaders: [districtLeader], heads: [districtHead] },
    ]);
    expect(chainOfTeams(await roster.teamsUp(AN_DUC))).toEqual([[districtLeader]]);
  });

  it('records households per area, returns the figures replaced, and sums them up the tree', async () => {
    const households = new HouseholdCoverageRepository(db.sql);
    const [leader] = await people(db, 1);
    const entry = { unitCode: TAN_XUAN, by: leader!, at: AT };
    expect(await households.record({ ...entry, areaName: 'Ấp 2', visited: 50, withAccount: 20 })).toBeUndefined();
    expect(await households.record({ ...entry, areaName: 'Ấp 10', visited: 10, withAccount: 5 })).toBeUndefined();
    expect(await households.record({ ...entry, areaName: 'ap 2', visited: 60, withAccount: 30, at: later(1) })).toEqual({
      areaName: 'Ấp 2',
      visited: 50,
      withAccount: 20,
      updatedAt: AT.toISOString(),
    });
    await households.record({ ...entry, unitCode: AN_DUC, areaName: 'Ấp 1', visited: 100, withAccount: 80 });
    expect(await households.areas(TAN_XUAN)).toEqual([
      { areaName: 'Ấp 10', visited: 10, withAccount: 5, updatedAt: AT.toISOString() },
      { areaName: 'Ấp 2', visited: 60, withAccount: 30, updatedAt: later(1).toISOString() },
    ]);
    expect(await households.totalsUnder(TAN_XUAN)).toEqual({ visited: 70, withAccount: 35, communesRecorded: 1, communes: 1 });
    expect(await households.totalsUnder('BT')).toEqual({ visited: 170, withAccount: 115, communesRecorded: 2, communes: 2 });
    expect(await households.totalsUnder('nowhere')).toEqual({ visited: 0, withAccount: 0, communesRecorded: 0, communes: 0 });
  });

  it('rebuilds the roll-ups from the tables to what the triggers keep', async () => {
    const tickets = new TicketRepository(db.sql);
    const households = new HouseholdCoverageRepository(db.sql);
    const [c1, c2, c3, official] = await people(db, 4);
    await households.record({ unitCode: TAN_XUAN, areaName: 'Ấp 1', visited: 12, withAccount: 7, by: official!, at: AT });
    for (const [i, citizenId] of [c1!, c2!, c3!].entries()) {
      const t = (await tickets.open({
        unitCode: i === 2 ? AN_DUC : TAN_XUAN,
        citizenId,
        citizen: chat(`c${i}`),
        topic: 'hoi',
        at: new Date(AT.getTime() + i * 86_400_000 + 123),
      }))!;
      if (i === 1) continue;
      await tickets.take(t.id, official!, chat('o'), later(i + 1));
      // Waits with milliseconds and half minutes.
      await tickets.countRelay(t.id, true, new Date(t.openedAt.getTime() + 90_500 + i * 7));
      await tickets.close(t.id, 'official', later(60));
      await tickets.rate(t.id, citizenId, 3 + i);
    }
    await db.sql
      .insertInto('guide_outcome')
      .values([
        { day: '2023-12-08', guide: 'hotro', unit_code: TAN_XUAN, outcome: 'worked', count: 2 },
        { day: '2023-12-09', guide: 'hotro', unit_code: AN_DUC, outcome: 'stuck', count: 1 },
      ])
      .execute();
    const kept = await rollups(db);
    expect(kept.handoff.length).toBeGreaterThan(0);
    await rebuildCommunityRollups(db.sql);
    expect(await rollups(db)).toEqual(kept);
    await db.sql.transaction().execute(async (trx) => {
      await rebuildCommunityRollups(trx);
    });
    expect(await rollups(db)).toEqual(kept);
  });
});
