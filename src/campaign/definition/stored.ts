// A campaign definition as the store keeps it: the input shape (targets in percent), so it
// re-parses through the same schema when read back.
import { type CampaignDefinition, CampaignDefinitionSchema } from './schema.js';

export function campaignToStored(definition: CampaignDefinition): string {
  const { targets, ...rest } = definition;
  return JSON.stringify({
    ...rest,
    targets: { online: targets.online * 100, payment: targets.payment * 100, digitization: targets.digitization * 100 },
  });
}

/**
 * Parsed definitions by their stored text: every /tiendo reply and dashboard page reads its
 * campaign, and parsing it through the schema costs more than the query. Readers never
 * change a definition; the same stored text always parses to the same one.
 */
const parsed = new Map<string, CampaignDefinition>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
const PARSED_KEPT = 64;

export function campaignFromStored(stored: string): CampaignDefinition {
  let definition = parsed.get(stored);
  if (!definition) {
    // Frozen, so a reader that tried to change a shared definition would fail loudly.
    definition = deepFreeze(CampaignDefinitionSchema.parse(JSON.parse(stored)));
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    parsed.set(stored, definition);
  }
  return definition;
}

/** The dates that decide which campaign covers a unit on a day. */
export interface CampaignSpan {
  startsOn: string;
  endsOn: string;
}

/**
 * Among the campaigns covering a unit, the one for `day`: the one running that day, else
 * the latest one already started, else the earliest one to come.
 */
export function campaignOnDay<T extends CampaignSpan>(candidates: readonly T[], day: string): T | undefined {
  const running = candidates.filter((c) => c.startsOn <= day && c.endsOn >= day);
  const started = candidates.filter((c) => c.startsOn <= day);
  const latest = (list: readonly T[]) =>
    list.reduce<T | undefined>((best, c) => (!best || c.startsOn > best.startsOn ? c : best), undefined);
  if (running.length > 0) return latest(running);
  if (started.length > 0) return latest(started);
  return candidates.reduce<T | undefined>((best, c) => (!best || c.startsOn < best.startsOn ? c : best), undefined);
}
