// Consent per optional purpose: one row per person and purpose; no row means "not asked yet".
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ConsentDecision, ConsentPurpose } from '../../privacy/consent.js';

/** The consent decisions people made, and whether a purpose may be served. */
export class ConsentRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async decide(personId: number, purpose: ConsentPurpose, granted: boolean, at: Date): Promise<void> {
    const decision = { granted: granted ? 1 : 0, decided_at: at.toISOString() };
    await this.db
      .insertInto('consent')
      .values({ person_id: personId, purpose, ...decision })
      .onConflict((oc) => oc.columns(['person_id', 'purpose']).doUpdateSet(decision))
      .execute();
  }

  /** Only an explicit "yes" counts. */
  async granted(personId: number, purpose: ConsentPurpose): Promise<boolean> {
    return (await this.decision(personId, purpose)) === 1;
  }

  /** An explicit "no" (not asking yet is not a refusal). */
  async refused(personId: number, purpose: ConsentPurpose): Promise<boolean> {
    return (await this.decision(personId, purpose)) === 0;
  }

  async decisions(personId: number): Promise<ConsentDecision[]> {
    const rows = await this.db
      .selectFrom('consent')
      .select(['purpose', 'granted', 'decided_at'])
      .where('person_id', '=', personId)
      .execute();
    return rows
      .sort((a, b) => (a.purpose < b.purpose ? -1 : a.purpose > b.purpose ? 1 : 0))
      .map((r) => ({ purpose: r.purpose as ConsentPurpose, granted: r.granted === 1, decidedAt: r.decided_at }));
  }

  /** 1, 0, or undefined when the person was not asked. */
  private async decision(personId: number, purpose: ConsentPurpose): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('consent')
      .select('granted')
      .where('person_id', '=', personId)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    return row?.granted;
  }
}
