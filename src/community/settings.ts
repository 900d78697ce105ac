// The community teams' settings, read from the environment with the same strictness as the
// main configuration: a bad value stops the start with one line naming it.
import { z } from 'zod';
import { parseEnv } from '../config.js';

const CommunityEnvSchema = z.object({
  /** Office minutes a request may wait unanswered before the next level is told. */
  HANDOFF_ESCALATE_AFTER_MINUTES: z.coerce
    .number({ message: 'expected a number of minutes, e.g. 15' })
    .int({ message: 'expected a whole number of minutes, e.g. 15' })
    .min(1)
    .max(24 * 60)
    .default(15),
});

export interface CommunitySettings {
  escalateAfterMinutes: number;
}

export function parseCommunitySettings(env: Readonly<Record<string, string | undefined>>): CommunitySettings {
  return { escalateAfterMinutes: parseEnv(CommunityEnvSchema, env).HANDOFF_ESCALATE_AFTER_MINUTES };
}
