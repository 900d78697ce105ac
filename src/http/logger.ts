// Log options for fastify's pino: secrets and citizens' words never reach the log.
import type { FastifyServerOptions } from 'fastify';

export const REDACTED_PATHS = [
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-zevent-signature"]',
  'req.headers["x-bot-api-secret-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.access_token',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.secret',
  '*.text',
  '*.message.text',
  'body',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // The URL of a webhook can carry a token (Telegram's own style): log only the path.
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
    },
  };
}
