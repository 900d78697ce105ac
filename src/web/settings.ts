// The dashboard's own settings, read from the environment like every module's.
import { z } from 'zod';
import { envFlag, parseEnv } from '../config.js';

const WebSchema = z.object({
  /** A page anyone may open with the province's aggregate rates (and nothing about a person). */
  PUBLIC_DASHBOARD: envFlag.default(false),
  /** The public page also lists the units one level below the province. */
  PUBLIC_DASHBOARD_UNITS: envFlag.default(false),
});

export interface WebSettings {
  publicDashboard: boolean;
  publicUnits: boolean;
  /**
   * Where people open the dashboard: PUBLIC_URL in production; on a local trial (no
   * PUBLIC_URL) this machine, so the link printed in the terminal chat opens.
   */
  baseUrl: string | undefined;
}

export function parseWebSettings(config: {
  env: Readonly<Record<string, string | undefined>>;
  PUBLIC_URL?: string | undefined;
  PORT: number;
  DEMO_DATA: boolean;
}): WebSettings {
  const env = parseEnv(WebSchema, config.env);
  const local = config.DEMO_DATA ? `http://localhost:${config.PORT}` : undefined;
  return {
    publicDashboard: env.PUBLIC_DASHBOARD,
    publicUnits: env.PUBLIC_DASHBOARD_UNITS,
    baseUrl: config.PUBLIC_URL?.replace(/\/+$/, '') ?? local,
  };
}
