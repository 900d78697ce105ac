import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openStore } from '../../src/store/index.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { createInvite, MAX_FAILED_ATTEMPTS, redeemInvite, revokeInvite } from '../../src/campaign/roles/invites.js';
import { rolesOf } from '../../src/campaign/roles/repository.js';
import { projectPath } from '../../src/paths.js';

const T0 = new Date('2023-12-04T08:00:00+07:00');
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

function setup() {
  const store = openStore(':memory:');
  importUnitTable(store.db, readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8')));
  const person = (id: string) => store.persons.findOrCreate({ channel: 'terminal', externalId: id }, 'vi').person.id;
  return { db: store.db, person };
}

describe('invites', () => {
  it('binds the official to the unit with the role, once', () => {
    const { db, person } = setup();
    const invite = createInvite(db, 'BT-BATRI', 'head', T0);
    expect(invite.code).toMatch(/^[A-Z2-9]{10}$/);
    const a = person('a');
    expect(redeemInvite(db, a, invite.code.toLowerCase(), later(1))).toEqual({ status: 'bound', unitCode: 'BT-BATRI', role: 'head' });
    expect(rolesOf(db, a).map((r) => [r.unitCode, r.role])).toEqual([['BT-BATRI', 'head']]);
    // The same person opening the link again is told, not refused; someone else is refused.
    expect(redeemInvite(db, a, invite.code, later(2)).status).toBe('already');
    expect(redeemInvite(db, person('b'), invite.code, later(2)).status).toBe('used');
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
    expect(redeemInvite(db, person('a'), invite.code, later(49)).status).toBe('expired');
    expect(rolesOf(db, person('a'))).toEqual([]);
  });

  it('can be revoked by id or by code before use, not after', () => {
    const { db, person } = setup();
    const one = createInvite(db, 'BT-BATRI', 'head', T0);
    const two = createInvite(db, 'BT-BATRI', 'reporter', T0);
    expect(revokeInvite(db, String(one.id), later(1))).toBe(true);
    expect(revokeInvite(db, two.code, later(1))).toBe(true);
    expect(redeemInvite(db, person('a'), one.code, later(2)).status).toBe('revoked');
    expect(redeemInvite(db, person('a'), two.code, later(2)).status).toBe('revoked');
    const three = createInvite(db, 'BT-BATRI', 'head', T0);
    redeemInvite(db, person('b'), three.code, later(1));
    expect(revokeInvite(db, three.code, later(2))).toBe(false);
  });

  it(`stops a person after ${MAX_FAILED_ATTEMPTS} wrong codes, even for a right one, for an hour`, () => {
    const { db, person } = setup();
    const invite = createInvite(db, 'BT-BATRI', 'head', T0);
    const a = person('a');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) expect(redeemInvite(db, a, `WRONG${i}CODE`, later(0.1)).status).toBe('unknown');
    expect(redeemInvite(db, a, invite.code, later(0.2)).status).toBe('tooManyAttempts');
    expect(rolesOf(db, a)).toEqual([]);
    // Another person is not slowed down, and the first may try again after the window.
    expect(redeemInvite(db, person('b'), 'WRONGCODE', later(0.2)).status).toBe('unknown');
    expect(redeemInvite(db, a, invite.code, later(1.5)).status).toBe('bound');
  });
});
