// Every stored campaign definition, parsed (campaign/reminders/campaigns.ts).
import type { Kysely } from 'kysely';
import { parseStoredCampaigns, type StoredCampaigns } from '../../campaign/reminders/campaigns.js';
import type { DB } from '../schema.js';
import { byTextKeys } from '../roles/textOrder.js';

/** Every campaign in the store, by start day then id; definitions that no longer parse are listed apart. */
export async function storedCampaigns(db: Kysely<DB>): Promise<StoredCampaigns> {
  const rows = await db.selectFrom('campaign').select(['id', 'starts_on', 'definition']).execute();
  return parseStoredCampaigns(
    rows.sort(
      byTextKeys(
        (r) => r.starts_on,
        (r) => r.id,
      ),
    ),
  );
}
