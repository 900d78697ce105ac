// Campaign definitions in the store, and which one applies to a unit at a moment.
import type { Kysely } from 'kysely';
import type { CampaignDefinition } from '../../campaign/definition/schema.js';
import { campaignFromStored, campaignOnDay, campaignToStored } from '../../campaign/definition/stored.js';
import type { DB } from '../schema.js';
import { reusableQuery } from '../reusableQuery.js';

/** The campaigns loaded from their YAML definitions. */
export class CampaignRepository {
  // Asked on every /tiendo: compiled once (reusableQuery.ts).
  private readonly covering;

  constructor(private readonly db: Kysely<DB>) {
    this.covering = reusableQuery(db, (unitCode: string) =>
      db
        .selectFrom('campaign as c')
        .innerJoin('unit_closure as uc', 'uc.ancestor_code', 'c.root_code')
        .where('uc.descendant_code', '=', unitCode)
        .select(['c.id', 'c.starts_on as startsOn', 'c.ends_on as endsOn', 'c.definition'])
        .orderBy('c.id'),
    );
  }

  /** Adds the campaign, or replaces the one with its id. */
  async saveCampaign(definition: CampaignDefinition, loadedAt: Date): Promise<'added' | 'updated'> {
    return await this.db.transaction().execute(async (trx) => {
      const existed = await trx.selectFrom('campaign').select('id').where('id', '=', definition.id).executeTakeFirst();
      await trx
        .insertInto('campaign')
        .values({
          id: definition.id,
          root_code: definition.root,
          starts_on: definition.starts_on,
          ends_on: definition.ends_on,
          definition: campaignToStored(definition),
          loaded_at: loadedAt.toISOString(),
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            root_code: eb.ref('excluded.root_code'),
            starts_on: eb.ref('excluded.starts_on'),
            ends_on: eb.ref('excluded.ends_on'),
            definition: eb.ref('excluded.definition'),
            loaded_at: eb.ref('excluded.loaded_at'),
          })),
        )
        .execute();
      return existed ? 'updated' : 'added';
    });
  }

  /**
   * The campaign covering `unitCode` on `day`, among those whose root is the unit or an
   * ancestor of it (campaignOnDay says which).
   */
  async campaignFor(unitCode: string, day: string): Promise<CampaignDefinition | undefined> {
    const rows = await this.covering(unitCode);
    const chosen = campaignOnDay(rows, day);
    return chosen ? campaignFromStored(chosen.definition) : undefined;
  }
}
