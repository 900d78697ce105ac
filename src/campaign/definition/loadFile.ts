// campaign:load: a YAML file checked against the schema; every problem named by its path.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { CampaignDefinition } from './schema.js';
import { CampaignDefinitionSchema } from './schema.js';

export type CampaignFileOutcome =
  { ok: true; definition: CampaignDefinition } | { ok: false; problems: { path: string; message: string }[] };

export async function readCampaignFile(path: string): Promise<CampaignFileOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ok: false, problems: [{ path: '', message: 'file not found or not readable' }] };
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: (err as Error).message.split('\n')[0] ?? 'not valid YAML' }] };
  }
  const parsed = CampaignDefinitionSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  return { ok: true, definition: parsed.data };
}
