// The Zalo variables: an adapter left unconfigured is simply off; a half-configured one
// stops the start with one line naming each wrong variable.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { parseZaloConfig } from '../../src/channels/zalo/config.js';

describe('parseZaloConfig', () => {
  it('turns both adapters off when nothing is set', () => {
    expect(parseZaloConfig({ PORT: '3000' })).toEqual({});
  });

  it('fills in the defaults of a configured Official Account', () => {
    const { oa, bot } = parseZaloConfig({
      ZALO_APP_ID: '2553928453557884079',
      ZALO_APP_SECRET: 'app-secret',
      ZALO_OA_SECRET_KEY: 'oa-secret',
    });
    expect(bot).toBeUndefined();
    expect(oa).toEqual({
      appId: '2553928453557884079',
      appSecret: 'app-secret',
      oaSecretKey: 'oa-secret',
      apiRoot: 'https://openapi.zalo.me',
      oauthRoot: 'https://oauth.zaloapp.com',
      webhookMaxAgeMs: 600_000,
      refreshMarginMs: 3_600_000,
      choiceStyle: 'numbered',
    });
  });

  it('names every missing or wrong variable, one per line', () => {
    let error: unknown;
    try {
      parseZaloConfig({ ZALO_APP_ID: 'my-app', ZALO_BOT_TOKEN: 'abc', ZALO_API_ROOT: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Configuration error: ZALO_APP_ID: expected the numeric app id/),
        expect.stringMatching(/^Configuration error: ZALO_APP_SECRET: required/),
        expect.stringMatching(/^Configuration error: ZALO_OA_SECRET_KEY: required/),
        expect.stringMatching(/^Configuration error: ZALO_API_ROOT: expected a URL/),
        expect.stringMatching(/^Configuration error: ZALO_BOT_TOKEN: expected a bot token/),
        expect.stringMatching(/^Configuration error: ZALO_BOT_SECRET: required/),
      ]),
    );
    expect(lines).toHaveLength(6);
  });
});
