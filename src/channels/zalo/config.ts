// The Zalo channels' variables, read from the raw environment. An adapter whose variables
// are all unset is off (undefined); a half-configured or wrong one stops the start with
// one line per variable, like the rest of the configuration.
import { z } from 'zod';
import { ConfigError, describeEnvIssues } from '../../config.js';
import { decodeTokenKey, TOKEN_KEY_EXPECTED } from './oa/tokenCipher.js';

export type OaChoiceStyle = 'numbered' | 'list';

export interface ZaloOaConfig {
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  apiRoot: string;
  oauthRoot: string;
  /** An event whose timestamp is further than this from now is refused as a replay. */
  webhookMaxAgeMs: number;
  /** The access token is refreshed once less than this is left of it. */
  refreshMarginMs: number;
  /** `list`: choices as a list template with buttons (unconfirmed on v3, falls back by itself). */
  choiceStyle: OaChoiceStyle;
  /** ZALO_TOKEN_KEY: the token pair is stored encrypted with it (AES-256-GCM) when set. */
  tokenKey?: Buffer;
}

export interface ZaloBotConfig {
  token: string;
  secret: string;
  apiRoot: string;
}

export interface ZaloConfig {
  oa?: ZaloOaConfig;
  bot?: ZaloBotConfig;
}

const OA_VARIABLES = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const;
const BOT_VARIABLES = ['ZALO_BOT_TOKEN', 'ZALO_BOT_SECRET'] as const;

const text = z.string().trim();
const required = (what: string) => text.min(1, { message: `required (${what})` });
const url = (fallback: string) =>
  text
    .transform((v) => (v === '' ? fallback : v))
    .pipe(z.url({ message: 'expected a URL' }))
    .transform((v) => v.replace(/\/+$/, ''))
    .default(fallback);
const seconds = (fallback: number, min: number) =>
  z.coerce
    .number({ message: 'expected a number of seconds' })
    .int({ message: 'expected a whole number of seconds' })
    .min(min, { message: `expected at least ${min} seconds` })
    .default(fallback)
    .transform((s) => s * 1000);

const OaSchema = z.object({
  ZALO_APP_ID: required('the app id from developers.zalo.me').regex(/^\d{5,25}$/, { message: 'expected the numeric app id' }),
  ZALO_APP_SECRET: required('the app secret key from developers.zalo.me'),
  ZALO_OA_SECRET_KEY: required("the OA secret key from the app's Webhook page"),
  ZALO_API_ROOT: url('https://openapi.zalo.me'),
  ZALO_OAUTH_ROOT: url('https://oauth.zaloapp.com'),
  ZALO_WEBHOOK_MAX_AGE_SECONDS: seconds(600, 10),
  ZALO_TOKEN_REFRESH_MARGIN_SECONDS: seconds(3600, 60),
  ZALO_OA_CHOICES: z.enum(['numbered', 'list'], { message: 'expected numbered or list' }).default('numbered'),
  ZALO_TOKEN_KEY: text.optional().transform((v, ctx) => {
    if (v === undefined) return undefined;
    const key = decodeTokenKey(v);
    if (!key) ctx.addIssue({ code: 'custom', message: TOKEN_KEY_EXPECTED });
    return key;
  }),
});

const BotSchema = z.object({
  ZALO_BOT_TOKEN: required('the token Zalo Bot Creator sent').regex(/^[^\s:/]+:[^\s/]+$/, {
    message: 'expected a bot token like 1234567890:abc…',
  }),
  ZALO_BOT_SECRET: required('the secret_token given to setWebhook').regex(/^[A-Za-z0-9_-]{8,256}$/, {
    message: 'expected 8–256 characters of A-Z, a-z, 0-9, _ or -',
  }),
  ZALO_BOT_API_ROOT: url('https://bot-api.zaloplatforms.com'),
});

type Env = Readonly<Record<string, string | undefined>>;

/** Throws ConfigError naming each wrong variable; returns only the adapters that are configured. */
export function parseZaloConfig(env: Env): ZaloConfig {
  const problems: string[] = [];
  const config: ZaloConfig = {};
  if (anySet(env, OA_VARIABLES)) {
    const parsed = OaSchema.safeParse(definedOnly(env));
    if (parsed.success) {
      const e = parsed.data;
      config.oa = {
        appId: e.ZALO_APP_ID,
        appSecret: e.ZALO_APP_SECRET,
        oaSecretKey: e.ZALO_OA_SECRET_KEY,
        apiRoot: e.ZALO_API_ROOT,
        oauthRoot: e.ZALO_OAUTH_ROOT,
        webhookMaxAgeMs: e.ZALO_WEBHOOK_MAX_AGE_SECONDS,
        refreshMarginMs: e.ZALO_TOKEN_REFRESH_MARGIN_SECONDS,
        choiceStyle: e.ZALO_OA_CHOICES,
        ...(e.ZALO_TOKEN_KEY ? { tokenKey: e.ZALO_TOKEN_KEY } : {}),
      };
    } else problems.push(...describeEnvIssues(parsed.error));
  }
  if (anySet(env, BOT_VARIABLES)) {
    const parsed = BotSchema.safeParse(definedOnly(env));
    if (parsed.success)
      config.bot = {
        token: parsed.data.ZALO_BOT_TOKEN,
        secret: parsed.data.ZALO_BOT_SECRET,
        apiRoot: parsed.data.ZALO_BOT_API_ROOT,
      };
    else problems.push(...describeEnvIssues(parsed.error));
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return config;
}

function anySet(env: Env, names: readonly string[]): boolean {
  return names.some((name) => (env[name] ?? '').trim() !== '');
}

/** Unset and empty variables both mean "not given", so defaults and "required" apply. */
function definedOnly(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('ZALO_') && v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}
