// The process's pino logger: secrets and citizens' words never reach the log.
import pino, { type Logger } from 'pino';

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Only the method and path of a request: a query string may carry a token.
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
