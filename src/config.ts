// Configuration comes from the environment only, parsed once at start. A missing or
// wrong value stops the start with one line naming the variable and what it expects.
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A yes/no variable, as every module reads one. */
export const envFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_PATH: z.string().min(1).default('./data/trolydvc.sqlite'),
    /** postgres://… : several replicas share one PostgreSQL; without it the bot runs on the SQLite file. */
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, 'expected postgres://user:password@host:5432/database')
        .optional(),
    ),
    /**
     * With several replicas (DATABASE_URL): how long a replica's claim on an outbox message
     * holds before another may take it back, should the first have died mid-send.
     */
    OUTBOX_LEASE_SECONDS: z.coerce
      .number({ message: 'expected a number of seconds' })
      .int()
      .min(1, 'expected a number of seconds')
      .max(3600, 'expected at most 3600 seconds')
      .default(300),
    DEFAULT_LOCALE: z.enum(['vi', 'en'], { message: 'expected vi or en' }).default('vi'),
    TZ: z
      .literal('Asia/Ho_Chi_Minh', { message: "expected Asia/Ho_Chi_Minh (the province's time zone)" })
      .default('Asia/Ho_Chi_Minh'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Load the Bến Tre demo tree, a demo campaign and demo statistics into an empty store,
     * and print one-time codes to try the officials' side. Unset: on only for a local trial.
     */
    DEMO_DATA: envFlag.optional(),
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'expected a token from BotFather, like 123456:ABC…')
        .optional(),
    ),
    TELEGRAM_BOT_USERNAME: optionalText,
    TELEGRAM_MODE: z.enum(['webhook', 'polling'], { message: 'expected webhook or polling' }).default('webhook'),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16–256 characters of A-Z, a-z, 0-9, _ or -')
        .optional(),
    ),
    PUBLIC_URL: optionalText.pipe(z.url({ message: 'expected an https:// URL' }).optional()),
    TELEGRAM_API_ROOT: z.url({ message: 'expected a URL' }).default('https://api.telegram.org'),
    /** The full privacy notice, linked from the first message and /quyenriengtu. */
    PRIVACY_NOTICE_URL: optionalText.pipe(z.url({ message: 'expected an https:// URL' }).optional()),
    /** Conversation state a person left untouched this many days is purged. */
    CONVERSATION_RETENTION_DAYS: z.coerce.number({ message: 'expected a number of days' }).int().min(1).max(3650).default(30),
    /** Largest webhook body accepted, in bytes. */
    WEBHOOK_BODY_LIMIT: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === 'webhook' && !env.TELEGRAM_WEBHOOK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required when TELEGRAM_MODE=webhook (16–256 characters of A-Z, a-z, 0-9, _ or -)',
      });
  });

export type Config = Omit<z.infer<typeof EnvSchema>, 'DEMO_DATA'> & {
  DEMO_DATA: boolean;
  env: Readonly<Record<string, string | undefined>>;
};

/** Any of these set means the bot faces real people: a production start, not a trial. */
const CHANNEL_VARIABLES = [
  'TELEGRAM_BOT_TOKEN',
  'ZALO_APP_ID',
  'ZALO_APP_SECRET',
  'ZALO_OA_SECRET_KEY',
  'ZALO_BOT_TOKEN',
  'ZALO_BOT_SECRET',
];

/** True when no channel is configured: the only case where demo data is on by default. */
function isLocalTrial(env: Readonly<Record<string, string | undefined>>): boolean {
  return CHANNEL_VARIABLES.every((name) => (env[name] ?? '').trim() === '');
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables with a module's schema; a bad value throws ConfigError
 * with one line per variable. Modules read their own variables with it too.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Readonly<Record<string, string | undefined>>): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(describeEnvIssues(result.error).join('\n'));
}

/** One line per bad variable: its name and what it expects. */
export function describeEnvIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message;
    return `Configuration error: ${name}: ${message}`;
  });
}

/** Parses the environment; throws ConfigError whose message is one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = parseEnv(EnvSchema, env);
  // Demo invitations on a real channel would hand out officials' access: off unless asked for.
  return { ...parsed, DEMO_DATA: parsed.DEMO_DATA ?? isLocalTrial(env), env };
}
