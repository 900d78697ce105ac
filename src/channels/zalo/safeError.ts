// What of an error may reach the logs. axios errors carry the request (headers with the
// access token, a URL with the bot token, the body with a citizen's words), so only the
// kind, the status or Zalo's code, and a message with the secrets blanked out are kept.
import { isAxiosError } from 'axios';
import { ZaloApiError } from './errors.js';

export interface LoggedError {
  type: string;
  message: string;
  code?: number | string;
  status?: number;
}

export function safeError(error: unknown, secrets: readonly string[]): LoggedError {
  const blank = (text: string) => secrets.reduce((t, s) => (s ? t.split(s).join('[redacted]') : t), text);
  if (error instanceof ZaloApiError) return { type: error.name, code: error.code, message: blank(error.message) };
  if (isAxiosError(error))
    return {
      type: 'HttpError',
      message: blank(error.message),
      ...(error.code ? { code: error.code } : {}),
      ...(error.response ? { status: error.response.status } : {}),
    };
  if (error instanceof Error) return { type: error.name, message: blank(error.message) };
  return { type: typeof error, message: blank(String(error)) };
}
