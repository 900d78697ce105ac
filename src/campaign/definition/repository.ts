// Campaign definitions in the store, and which one applies to a unit at a moment.
import type { Db } from '../../store/database.js';
import { statement } from '../../store/statements.js';
import { type CampaignDefinition, CampaignDefinitionSchema } from './schema.js';

export function saveCampaign(db: Db, definition: CampaignDefinition, loadedAt: Date): 'added' | 'updated' {
  const existed = db.prepare('SELECT 1 FROM campaign WHERE id = ?').get(definition.id) !== undefined;
  db.prepare(
    `INSERT INTO campaign (id, root_code, starts_on, ends_on, definition, loaded_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET root_code = excluded.root_code, starts_on = excluded.starts_on,
       ends_on = excluded.ends_on, definition = excluded.definition, loaded_at = excluded.loaded_at`,
  ).run(
    definition.id,
    definition.root,
    definition.starts_on,
    definition.ends_on,
    JSON.stringify(toStored(definition)),
    loadedAt.toISOString(),
  );
  return existed ? 'updated' : 'added';
}

// Stored in the input shape (targets in percent) so it re-parses through the same schema.
function toStored(definition: CampaignDefinition): unknown {
  const { targets, ...rest } = definition;
  return {
    ...rest,
    targets: { online: targets.online * 100, payment: targets.payment * 100, digitization: targets.digitization * 100 },
  };
}

/**
 * The campaign covering `unitCode` on `day`: among campaigns whose root is the unit or an
 * ancestor of it, the one running that day, else the latest one already started, else
 * the earliest one to come.
 */
export function campaignFor(db: Db, unitCode: string, day: string): CampaignDefinition | undefined {
  const row = statement(
    db,
    `SELECT c.definition FROM campaign c
       JOIN unit_closure uc ON uc.ancestor_code = c.root_code AND uc.descendant_code = ?
     ORDER BY (c.starts_on <= @day AND c.ends_on >= @day) DESC, (c.starts_on <= @day) DESC,
              CASE WHEN c.starts_on <= @day THEN c.starts_on END DESC, c.starts_on ASC
     LIMIT 1`,
  ).get(unitCode, { day }) as { definition: string } | undefined;
  return row ? CampaignDefinitionSchema.parse(JSON.parse(row.definition)) : undefined;
}
