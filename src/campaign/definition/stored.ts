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

export function campaignFromStored(stored: string): CampaignDefinition {
  return CampaignDefinitionSchema.parse(JSON.parse(stored));
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
