import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('serves a local trial with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: './data/trolydvc.sqlite',
      DEFAULT_LOCALE: 'vi',
      TZ: 'Asia/Ho_Chi_Minh',
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it('names the variable and what it expects, one line each', () => {
    expect(errorOf({ PORT: 'abc' })).toMatch(/^Configuration error: PORT: /);
    expect(errorOf({ DEFAULT_LOCALE: 'fr' })).toBe('Configuration error: DEFAULT_LOCALE: expected vi or en');
    const two = errorOf({ PORT: '-1', TELEGRAM_MODE: 'push' }).split('\n');
    expect(two).toHaveLength(2);
    expect(two.every((l) => l.startsWith('Configuration error: '))).toBe(true);
  });

  it('requires a webhook secret in webhook mode, and checks the token shape', () => {
    expect(errorOf({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' })).toMatch(
      /TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook/,
    );
    expect(errorOf({ TELEGRAM_BOT_TOKEN: 'not-a-token' })).toMatch(/TELEGRAM_BOT_TOKEN: expected a token from BotFather/);
    const polling = loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_MODE: 'polling' });
    expect(polling.TELEGRAM_MODE).toBe('polling');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '', PUBLIC_URL: '' }).TELEGRAM_BOT_TOKEN).toBeUndefined();
  });
});
