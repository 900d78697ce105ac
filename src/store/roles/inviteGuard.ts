// The invite guard's failure counting and its per-installation salt (migration 012). The
// keying (HMAC) and the rules stay in campaign/roles/inviteGuard.ts.
import type { Kysely } from 'kysely';
import type { GuardCounts, InviteGuardCounter } from '../../campaign/roles/inviteGuard.js';
import type { DB } from '../schema.js';

/** Failure counts and alert marks of the invite guard, on one executor (the store's, or an open transaction). */
export class KyselyInviteGuardStore implements InviteGuardCounter {
  private saltHex: string | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  /** The same counting on another executor, e.g. the transaction redeeming a code. */
  on(executor: Kysely<DB>): KyselyInviteGuardStore {
    const bound = new KyselyInviteGuardStore(executor);
    bound.saltHex = this.saltHex;
    return bound;
  }

  /** The installation's random salt (hex), made once by the migration; read once per store. */
  async salt(): Promise<string> {
    if (this.saltHex === undefined) {
      const row = await this.db.selectFrom('invite_guard').select('value').where('name', '=', 'salt').executeTakeFirstOrThrow();
      this.saltHex = row.value;
    }
    return this.saltHex;
  }

  async countSince(identityKey: string, since: string): Promise<GuardCounts> {
    await this.db.deleteFrom('invite_failure').where('attempted_at', '<=', since).execute();
    const row = await this.db
      .selectFrom('invite_failure')
      .where('attempted_at', '>', since)
      .select((eb) => [
        eb.fn.countAll().as('all'),
        eb.fn.max('attempted_at').as('last'),
        // Literals, not parameters: PostgreSQL could not type a CASE of two untyped parameters.
        eb.fn.sum(eb.case().when('identity_hash', '=', identityKey).then(eb.lit(1)).else(eb.lit(0)).end()).as('mine'),
      ])
      .executeTakeFirstOrThrow();
    return { mine: Number(row.mine ?? 0), all: Number(row.all), lastFailureAt: row.last ?? null };
  }

  async recordFailure(identityKey: string, at: string, since: string): Promise<number> {
    await this.db.insertInto('invite_failure').values({ identity_hash: identityKey, attempted_at: at }).execute();
    const row = await this.db
      .selectFrom('invite_failure')
      .where('attempted_at', '>', since)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async alertedAt(): Promise<string | undefined> {
    const row = await this.db.selectFrom('invite_guard').select('value').where('name', '=', 'alerted_at').executeTakeFirst();
    return row?.value;
  }

  async markAlerted(at: string): Promise<void> {
    await this.db
      .insertInto('invite_guard')
      .values({ name: 'alerted_at', value: at })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: at }))
      .execute();
  }
}
