// The slice of a logger (pino's shape) the Telegram channel writes to.
export interface ChannelLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}
