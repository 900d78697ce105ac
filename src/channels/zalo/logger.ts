// The slice of a logger (pino's shape) the Zalo channels write to. What they log is ids,
// event names and error codes: never a token, a secret, or what a citizen wrote.
export interface ZaloLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}
