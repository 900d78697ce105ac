// Every campaign in the store, each re-checked against the schema: a definition that no
// longer parses is reported and skipped, never guessed at. The rows come from the store
// (store.campaigns.storedCampaigns).
import { type CampaignDefinition, CampaignDefinitionSchema } from '../definition/schema.js';

export interface StoredCampaigns {
  campaigns: CampaignDefinition[];
  invalid: { id: string; problems: string[] }[];
}

/** Parsed definitions by their stored text: the scheduler reads them every minute. */
const parsedCache = new Map<string, CampaignDefinition>();

/** Stored definitions (JSON text), parsed; in the order given. */
export function parseStoredCampaigns(rows: readonly { id: string; definition: string }[]): StoredCampaigns {
  const result: StoredCampaigns = { campaigns: [], invalid: [] };
  for (const row of rows) {
    const known = parsedCache.get(row.definition);
    if (known) {
      result.campaigns.push(known);
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(row.definition);
    } catch {
      result.invalid.push({ id: row.id, problems: ['the stored definition is not valid JSON'] });
      continue;
    }
    const parsed = CampaignDefinitionSchema.safeParse(raw);
    if (parsed.success) {
      if (parsedCache.size > 50) parsedCache.clear();
      parsedCache.set(row.definition, parsed.data);
      result.campaigns.push(parsed.data);
    } else
      result.invalid.push({
        id: row.id,
        problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      });
  }
  return result;
}
