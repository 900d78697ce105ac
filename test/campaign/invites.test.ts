import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openStore } from '../../src/store/index.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { createInvite, MAX_FAILED_ATTEMPTS, redeemInvite as redeem, revokeInvite } from '../../src/campaign/roles/invites.js';
import { GLOBAL_FAILURES_PER_HOUR, GLOBAL_PAUSE_SECONDS } from '../../src/campaign/roles/inviteGuard.js';
import { rolesOf } from '../../src/campaign/roles/repository.js';
import { projectPath } from '../../src/paths.js';
import type { Db } from '../../src/store/database.js';

const T0 = new Date('2023-12-04T08:00:00+07:00');
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

function setup() {
  const store = openStore(':memory:');
  importUnitTable(store.db, readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8')));
  const person = (id: string) => store.persons.findOrCreate({ channel: 'terminal', externalId: id }, 'vi').person.id;
  return { db: store.db, person, audit: () => store.audit.since(new Date(0)) };
}

/** Redeems as the terminal chat of the person (their external id is their chat id). */
function redeemInvite(db: Db, personId: number, code: string, now: Date, log?: { warn(obj: object, msg?: string): void }) {
  const externalId = (
    db.prepare('SELECT external_id FROM channel_identity WHERE person_id = ?').get(personId) as { external_id: string }
  ).external_id;
  return redeem(db, { personId, identity: { channel: 'terminal', externalId }, code, now, ...(log ? { log } : {}) });
}

function memoryLog() {
  const lines: { obj: object; msg?: string }[] = [];
  return { lines, warn: (obj: object, msg?: string) => lines.push({ obj, ...(msg ? { msg } : {}) }) };
}

describe('invites', () => {
  it('binds the official to the unit with the role, once', () => {
    const { db, person } = setup();
    const invite = createInvite(db, 'BT-BATRI', 'head', T0);
    expect(invite.code).toMatch(/^[A-Z2-9]{10}$/);
    const a = person('a');
    expect(redeemInvite(db, a, invite.code.toLowerCase(), later(1))).toEqual({
      status: 'bound',
      unitCode: 'BT-BATRI',
      role: 'head',
    });
    expect(rolesOf(db, a).map((r) => [r.unitCode, r.role])).toEqual([['BT-BATRI', 'head']]);
    // The same person opening the link again is told, not refused; someone else is refused.
    expect(redeemInvite(db, a, invite.code, later(2)).status).toBe('already');
    expect(redeemInvite(db, person('b'), invite.code, later(2)).status).toBe('refused');
    expect(rolesOf(db, person('b'))).toEqual([]);
  });

  it('never stores the code itself', () => {
    const { db } = setup();
    const invite = createInvite(db, 'BT-BATRI', 'head', T0);
    const stored = JSON.stringify(db.prepare('SELECT * FROM invite').all());
    expect(stored).not.toContain(invite.code);
  });

  it('expires', () => {
    const { db, person } = setup();
    const invite = createInvite(db, 'BT-BATRI-TANXUAN', 'reporter', T0, 2);
    expect(redeemInvite(db, person('a'), invite.code, later(49)).status).toBe('refused');
    expect(rolesOf(db, person('a'))).toEqual([]);
  });

  it('can be revoked by id or by code before use, not after', () => {
    const { db, person } = setup();
    const one = createInvite(db, 'BT-BATRI', 'head', T0);
    const two = createInvite(db, 'BT-BATRI', 'reporter', T0);
    expect(revokeInvite(db, String(one.id), later(1))).toBe(true);
    expect(revokeInvite(db, two.code, later(1))).toBe(true);
    expect(redeemInvite(db, person('a'), one.code, later(2)).status).toBe('refused');
    expect(redeemInvite(db, person('a'), two.code, later(2)).status).toBe('refused');
    expect(rolesOf(db, person('a'))).toEqual([]);
    const three = createInvite(db, 'BT-BATRI', 'head', T0);
    redeemInvite(db, person('b'), three.code, later(1));
    expect(revokeInvite(db, three.code, later(2))).toBe(false);
  });

  it(`stops a person after ${MAX_FAILED_ATTEMPTS} wrong codes, even for a right one, for an hour`, () => {
    const { db, person } = setup();
    const invite = createInvite(db, 'BT-BATRI', 'head', T0);
    const a = person('a');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) expect(redeemInvite(db, a, `WRONG${i}CODE`, later(0.1)).status).toBe('refused');
    expect(redeemInvite(db, a, invite.code, later(0.2)).status).toBe('tooManyAttempts');
    expect(rolesOf(db, a)).toEqual([]);
    // Another person is not slowed down, and the first may try again after the window.
    expect(redeemInvite(db, person('b'), 'WRONGCODE', later(0.2)).status).toBe('refused');
    expect(redeemInvite(db, a, invite.code, later(1.5)).status).toBe('bound');
  });

  it(`slows every attempt bot-wide after ${GLOBAL_FAILURES_PER_HOUR} wrong codes in an hour, with one warning that names no code and no one`, () => {
    const { db, person } = setup();
    const invite = createInvite(db, 'BT-BATRI', 'head', T0);
    const log = memoryLog();
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
    const typed: string[] = [];
    for (let i = 0; i < GLOBAL_FAILURES_PER_HOUR; i++) {
      typed.push(`GUESS${i}XYZW`);
      expect(redeemInvite(db, person(`chat-${i}`), typed[i]!, at(i), log).status).toBe('refused');
    }
    // A fresh chat, even with the right code, is not checked until the pause is over.
    const fresh = person('fresh');
    expect(redeemInvite(db, fresh, invite.code, at(GLOBAL_FAILURES_PER_HOUR), log).status).toBe('slowedDown');
    expect(rolesOf(db, fresh)).toEqual([]);
    // After the pause one attempt is checked, then the next one waits again.
    const afterPause = GLOBAL_FAILURES_PER_HOUR + GLOBAL_PAUSE_SECONDS;
    expect(redeemInvite(db, person('other'), 'GUESSMOREABC', at(afterPause), log).status).toBe('refused');
    expect(redeemInvite(db, fresh, invite.code, at(afterPause + 1), log).status).toBe('slowedDown');
    expect(redeemInvite(db, fresh, invite.code, at(afterPause + 1 + GLOBAL_PAUSE_SECONDS), log).status).toBe('bound');

    expect(log.lines).toHaveLength(1);
    const line = JSON.stringify(log.lines[0]);
    for (const secret of [...typed, invite.code, 'chat-', 'fresh']) expect(line).not.toContain(secret);
    // An hour later the bot is at full speed again.
    expect(redeemInvite(db, person('late'), 'GUESSLATEABC', later(1.2), log).status).toBe('refused');
    expect(redeemInvite(db, person('late2'), 'GUESSLATEABD', later(1.2), log).status).toBe('refused');
  });

  it('records every invite, its revocation and its use in the audit log, never the code', () => {
    const { db, person, audit } = setup();
    const cli = createInvite(db, 'BT-BATRI', 'head', T0);
    const demo = createInvite(db, 'BT-BATRI', 'compiler', T0, 1, { source: 'demo' });
    const third = createInvite(db, 'BT-BATRI', 'reporter', T0);
    revokeInvite(db, demo.code, later(1));
    const a = person('a');
    redeemInvite(db, a, cli.code, later(1));
    const events = audit();
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
