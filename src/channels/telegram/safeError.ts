// What of an error may reach the logs. grammY's network errors quote the request URL,
// which holds the bot token, and its API errors carry the payload that was sent; so an
// error is logged as its kind, method and description only, with secrets blanked out.
import { GrammyError, HttpError } from 'grammy';

export interface LoggedError {
  type: string;
  message: string;
  method?: string;
  code?: number;
  stack?: string;
}

export function safeError(error: unknown, secrets: readonly string[]): LoggedError {
  const blank = (text: string) => secrets.reduce((t, s) => (s ? t.split(s).join('[redacted]') : t), text);
  if (error instanceof GrammyError)
    return { type: 'GrammyError', method: error.method, code: error.error_code, message: blank(error.description) };
  if (error instanceof HttpError) return { type: 'HttpError', message: blank(error.message) };
  if (error instanceof Error)
    return { type: error.name, message: blank(error.message), ...(error.stack ? { stack: blank(error.stack) } : {}) };
  return { type: typeof error, message: blank(String(error)) };
}
