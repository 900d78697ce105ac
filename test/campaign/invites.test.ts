import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { MAX_FAILED_ATTEMPTS } from '../../src/campaign/roles/invites.js';
import { GLOBAL_FAILURES_PER_HOUR, GLOBAL_PAUSE_SECONDS } from '../../src/campaign/roles/inviteGuard.js';
import { projectPath } from '../../src/paths.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../support/testStore.js';

const T0 = new Date('2023-12-04T08:00:00+07:00');
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

async function setup() {
  const store = await openTestStore();
  await importUnitTable(store, readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8')));
  const person = async (id: string) =>
    (await store.persons.findOrCreate({ channel: 'terminal', externalId: id }, 'vi')).person.id;
  return { store, person, audit: () => store.audit.since(new Date(0)) };
}

/** Redeems as the terminal chat of the person (their external id is their chat id). */
async function redeemInvite(
  store: Store,
  personId: number,
  code: string,
  now: Date,
  log?: { warn(obj: object, msg?: string): void },
) {
  const [identity] = await store.persons.identities(personId);
  const externalId = identity!.externalId;
  return store.invites.redeemInvite({
    personId,
    identity: { channel: 'terminal', externalId },
    code,
    now,
    ...(log ? { log } : {}),
  });
}

function memoryLog() {
  const lines: { obj: object; msg?: string }[] = [];
  return { lines, warn: (obj: object, msg?: string) => lines.push({ obj, ...(msg ? { msg } : {}) }) };
}

describe('invites', () => {
  it('binds the official to the unit with the role, once', async () => {
    const { store, person } = await setup();
    const invite = await store.invites.createInvite('BT-BATRI', 'head', T0);
    expect(invite.code).toMatch(/^[A-Z2-9]{10}$/);
    const a = await person('a');
    expect(await redeemInvite(store, a, invite.code.toLowerCase(), later(1))).toEqual({
      status: 'bound',
      unitCode: 'BT-BATRI',
      role: 'head',
    });
    expect((await store.roles.rolesOf(a)).map((r) => [r.unitCode, r.role])).toEqual([['BT-BATRI', 'head']]);
    // The same person opening the link again is told, not refused; someone else is refused.
    expect((await redeemInvite(store, a, invite.code, later(2))).status).toBe('already');
    expect((await redeemInvite(store, await person('b'), invite.code, later(2))).status).toBe('refused');
    expect(await store.roles.rolesOf(await person('b'))).toEqual([]);
  });

  it('never stores the code itself', async () => {
    const { store } = await setup();
    const invite = await store.invites.createInvite('BT-BATRI', 'head', T0);
    const stored = JSON.stringify(await store.sql.selectFrom('invite').selectAll().execute());
    expect(stored).not.toContain(invite.code);
  });

  it('expires', async () => {
    const { store, person } = await setup();
    const invite = await store.invites.createInvite('BT-BATRI-TANXUAN', 'reporter', T0, 2);
    expect((await redeemInvite(store, await person('a'), invite.code, later(49))).status).toBe('refused');
    expect(await store.roles.rolesOf(await person('a'))).toEqual([]);
  });

  it('can be revoked by id or by code before use, not after', async () => {
    const { store, person } = await setup();
    const one = await store.invites.createInvite('BT-BATRI', 'head', T0);
    const two = await store.invites.createInvite('BT-BATRI', 'reporter', T0);
    expect(await store.invites.revokeInvite(String(one.id), later(1))).toBe(true);
    expect(await store.invites.revokeInvite(two.code, later(1))).toBe(true);
    expect((await redeemInvite(store, await person('a'), one.code, later(2))).status).toBe('refused');
    expect((await redeemInvite(store, await person('a'), two.code, later(2))).status).toBe('refused');
    expect(await store.roles.rolesOf(await person('a'))).toEqual([]);
    const three = await store.invites.createInvite('BT-BATRI', 'head', T0);
    await redeemInvite(store, await person('b'), three.code, later(1));
    expect(await store.invites.revokeInvite(three.code, later(2))).toBe(false);
  });

  it(`stops a person after ${MAX_FAILED_ATTEMPTS} wrong codes, even for a right one, for an hour`, async () => {
    const { store, person } = await setup();
    const invite = await store.invites.createInvite('BT-BATRI', 'head', T0);
    const a = await person('a');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      expect((await redeemInvite(store, a, `WRONG${i}CODE`, later(0.1))).status).toBe('refused');
    expect((await redeemInvite(store, a, invite.code, later(0.2))).status).toBe('tooManyAttempts');
    expect(await store.roles.rolesOf(a)).toEqual([]);
    // Another person is not slowed down, and the first may try again after the window.
    expect((await redeemInvite(store, await person('b'), 'WRONGCODE', later(0.2))).status).toBe('refused');
    expect((await redeemInvite(store, a, invite.code, later(1.5))).status).toBe('bound');
  });

  it(`slows every attempt bot-wide after ${GLOBAL_FAILURES_PER_HOUR} wrong codes in an hour, with one warning that names no code and no one`, async () => {
    const { store, person } = await setup();
    const invite = await store.invites.createInvite('BT-BATRI', 'head', T0);
    const log = memoryLog();
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
    const typed: string[] = [];
    for (let i = 0; i < GLOBAL_FAILURES_PER_HOUR; i++) {
      typed.push(`GUESS${i}XYZW`);
      expect((await redeemInvite(store, await person(`chat-${i}`), typed[i]!, at(i), log)).status).toBe('refused');
    }
    // A fresh chat, even with the right code, is not checked until the pause is over.
    const fresh = await person('fresh');
    expect((await redeemInvite(store, fresh, invite.code, at(GLOBAL_FAILURES_PER_HOUR), log)).status).toBe('slowedDown');
    expect(await store.roles.rolesOf(fresh)).toEqual([]);
    // After the pause one attempt is checked, then the next one waits again.
    const afterPause = GLOBAL_FAILURES_PER_HOUR + GLOBAL_PAUSE_SECONDS;
    expect((await redeemInvite(store, await person('other'), 'GUESSMOREABC', at(afterPause), log)).status).toBe('refused');
    expect((await redeemInvite(store, fresh, invite.code, at(afterPause + 1), log)).status).toBe('slowedDown');
    expect((await redeemInvite(store, fresh, invite.code, at(afterPause + 1 + GLOBAL_PAUSE_SECONDS), log)).status).toBe('bound');

    expect(log.lines).toHaveLength(1);
    const line = JSON.stringify(log.lines[0]);
    for (const secret of [...typed, invite.code, 'chat-', 'fresh']) expect(line).not.toContain(secret);
    // An hour later the bot is at full speed again.
    expect((await redeemInvite(store, await person('late'), 'GUESSLATEABC', later(1.2), log)).status).toBe('refused');
    expect((await redeemInvite(store, await person('late2'), 'GUESSLATEABD', later(1.2), log)).status).toBe('refused');
  });

  it('records every invite, its revocation and its use in the audit log, never the code', async () => {
    const { store, person, audit } = await setup();
    const cli = await store.invites.createInvite('BT-BATRI', 'head', T0);
    const demo = await store.invites.createInvite('BT-BATRI', 'compiler', T0, 1, { source: 'demo' });
    const third = await store.invites.createInvite('BT-BATRI', 'reporter', T0);
    await store.invites.revokeInvite(demo.code, later(1));
    const a = await person('a');
    await redeemInvite(store, a, cli.code, later(1));
    const events = await audit();
    expect(events.map((e) => [e.action, e.subject, e.unitCode])).toEqual([
      ['invite.created', `invite:${cli.id}`, 'BT-BATRI'],
      ['invite.created', `invite:${demo.id}`, 'BT-BATRI'],
      ['invite.created', `invite:${third.id}`, 'BT-BATRI'],
      ['invite.revoked', `invite:${demo.id}`, 'BT-BATRI'],
      ['official.registered', `invite:${cli.id}`, 'BT-BATRI'],
    ]);
    expect(events[1]!.details).toMatchObject({ role: 'compiler', source: 'demo', expiresAt: demo.expiresAt.toISOString() });
    expect(events[4]!.actorId).toBe(a);
    const dump = JSON.stringify(events);
    for (const code of [cli.code, demo.code, third.code]) expect(dump).not.toContain(code);
  });
});
