// An invitation binds one official, once, on either engine: two people sending the same
// code at the same moment (on PostgreSQL, two transactions running side by side) leave one
// bound and the other refused, and a revocation racing a registration does one or the other.
import { afterEach, describe, expect, it } from 'vitest';
import { KyselyInviteRepository } from '../../src/store/roles/invites.js';
import { ENGINES, type OpenEngine } from '../support/engines.js';
import { TAN_XUAN, smallTree } from '../support/smallTree.js';

const NOW = new Date('2023-12-07T02:00:00.000Z');
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function people(db: OpenEngine, n: number): Promise<number[]> {
  const rows = await db.sql
    .insertInto('person')
    .values(Array.from({ length: n }, () => ({ locale: 'vi' })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

describe.each(ENGINES)('invitations on $name', (engine) => {
  it('binds one of two people sending the same code at once', async () => {
    const db = await engine.open();
    closing.push(() => db.close());
    await smallTree(db);
    const invites = new KyselyInviteRepository(db.sql);
    for (let round = 0; round < 5; round++) {
      const [a, b] = await people(db, 2);
      const { code } = await invites.createInvite(TAN_XUAN, 'reporter', NOW);
      const outcomes = await Promise.all([a!, b!].map((personId) => invites.redeemInvite({ personId, code, now: NOW })));
      expect(outcomes.map((o) => o.status).sort()).toEqual(['bound', 'refused']);
      const registered = await db.sql
        .selectFrom('audit_event')
        .select('subject')
        .where('action', '=', 'official.registered')
        .execute();
      expect(registered).toHaveLength(round + 1);
    }
  });

  it('either revokes an invitation or lets it be used, never both', async () => {
    const db = await engine.open();
    closing.push(() => db.close());
    await smallTree(db);
    const invites = new KyselyInviteRepository(db.sql);
    for (let round = 0; round < 5; round++) {
      const [a] = await people(db, 1);
      const { id, code } = await invites.createInvite(TAN_XUAN, 'reporter', NOW);
      const [redeemed, revoked] = await Promise.all([
        invites.redeemInvite({ personId: a!, code, now: NOW }),
        invites.revokeInvite(String(id), NOW),
      ]);
      expect([redeemed.status === 'bound', revoked]).toContainEqual(true);
      expect(redeemed.status === 'bound' && revoked).toBe(false);
    }
  });
});
