// The OA token pair at rest: with ZALO_TOKEN_KEY set, neither token is readable in the
// database file; a pair saved before the key was set is still read, then encrypted; a
// wrong key is refused with an error that names the variable, never garbage.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { parseZaloConfig } from '../../src/channels/zalo/config.js';
import { OaTokenRepository } from '../../src/channels/zalo/oa/tokenRepository.js';
import { openStore, type Store } from '../../src/store/index.js';
import { APP_ID } from './support/fakeZalo.js';
import { oaHarness, type OaHarness } from './support/oaHarness.js';
import { onPostgres, openTestStore } from '../support/testStore.js';

const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);
const ACCESS = `access_${randomBytes(40).toString('base64url')}`;
const REFRESH = `refresh_${randomBytes(40).toString('base64url')}`;
const PAIR = { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: new Date('2030-01-01T00:00:00Z') };
const T = new Date('2025-07-01T03:00:00Z');

const dirs: string[] = [];
let store: Store | undefined;
let harness: OaHarness | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  await harness?.close();
  harness = undefined;
  vi.unstubAllEnvs();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function fileStore() {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-tokens-'));
  dirs.push(dir);
  const path = join(dir, 'bot.sqlite');
  store = openStore(path);
  return {
    path,
    reopen() {
      void store?.close(); // SQLite closes at once
      store = openStore(path);
      return store;
    },
    /** Every byte SQLite wrote (database, WAL, shared memory), after a clean close. */
    bytes() {
      void store?.close(); // SQLite closes at once
      store = undefined;
      return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
    },
  };
}

describe('Zalo OA tokens at rest', () => {
  // The bytes of SQLite's files: the PostgreSQL run leaves these two to the SQLite run.
  it.skipIf(onPostgres)('keeps neither token in the database file, and reads the pair back with the key', async () => {
    const file = fileStore();
    await new OaTokenRepository(store!, KEY).save(APP_ID, PAIR, T);
    expect(await new OaTokenRepository(store!, KEY).get(APP_ID)).toMatchObject(PAIR);
    const bytes = file.bytes();
    expect(bytes.includes(ACCESS)).toBe(false);
    expect(bytes.includes(REFRESH)).toBe(false);
    const again = (await new OaTokenRepository(file.reopen(), KEY).get(APP_ID))!;
    expect(again.accessToken).toBe(ACCESS);
    expect(again.refreshToken).toBe(REFRESH);
  });

  it.skipIf(onPostgres)('reads a pair stored in clear before the key was set, and encrypts it on the next write', async () => {
    const file = fileStore();
    await new OaTokenRepository(store!, null).save(APP_ID, PAIR, T);
    const withKey = new OaTokenRepository(store!, KEY);
    expect(await withKey.get(APP_ID)).toMatchObject(PAIR);
    // Reading it with the key already encrypts it in place.
    expect(JSON.stringify(await store!.sql.selectFrom('zalo_oa_token').selectAll().execute())).not.toContain(REFRESH);
    const next = { ...PAIR, accessToken: `${ACCESS}-next`, refreshToken: `${REFRESH}-next` };
    await withKey.save(APP_ID, next, T);
    const bytes = file.bytes();
    for (const token of [ACCESS, REFRESH]) expect(bytes.includes(token)).toBe(false);
    expect(await new OaTokenRepository(file.reopen(), KEY).get(APP_ID)).toMatchObject(next);
  });

  it('refuses a wrong or missing key with an error naming ZALO_TOKEN_KEY', async () => {
    const tokens = await openTestStore();
    store = tokens; // closed after the test
    await new OaTokenRepository(tokens, KEY).save(APP_ID, PAIR, T);
    await expect(new OaTokenRepository(tokens, OTHER_KEY).get(APP_ID)).rejects.toThrow(/ZALO_TOKEN_KEY.*(wrong|does not open)/);
    await expect(new OaTokenRepository(tokens, null).get(APP_ID)).rejects.toThrow(/encrypted.*ZALO_TOKEN_KEY/);
  });

  it('accepts the key as 64 hex characters or base64, and names the variable when it is neither', () => {
    const base = { ZALO_APP_ID: '2553928453557884079', ZALO_APP_SECRET: 'app-secret', ZALO_OA_SECRET_KEY: 'oa-secret' };
    expect(parseZaloConfig({ ...base, ZALO_TOKEN_KEY: KEY.toString('hex') }).oa?.tokenKey).toEqual(KEY);
    expect(parseZaloConfig({ ...base, ZALO_TOKEN_KEY: KEY.toString('base64') }).oa?.tokenKey).toEqual(KEY);
    expect(parseZaloConfig(base).oa?.tokenKey).toBeUndefined();
    for (const bad of ['secret', KEY.toString('hex').slice(2), randomBytes(16).toString('base64')]) {
      expect(() => parseZaloConfig({ ...base, ZALO_TOKEN_KEY: bad })).toThrow(ConfigError);
      expect(() => parseZaloConfig({ ...base, ZALO_TOKEN_KEY: bad })).toThrow(
        /^Configuration error: ZALO_TOKEN_KEY: expected 32 bytes/,
      );
    }
  });

  it('runs the channel on encrypted tokens, and a refreshed pair is stored encrypted too', async () => {
    vi.stubEnv('ZALO_TOKEN_KEY', KEY.toString('hex'));
    harness = await oaHarness({ expiresInSeconds: 60, env: { ZALO_TOKEN_KEY: KEY.toString('hex') } });
    await harness.channel.send('6142494823000000001', [{ text: 'Xin chào' }]);
    expect(harness.zalo.delivered.map((c) => c.accessToken)).toEqual(['AT-1']);
    const row = await harness.store.sql
      .selectFrom('zalo_oa_token')
      .select(['access_token', 'refresh_token'])
      .executeTakeFirstOrThrow();
    expect(row.access_token).not.toContain('AT-1');
    expect(row.refresh_token).not.toContain('RT-1');
    expect(await harness.tokens.get(APP_ID)).toMatchObject({ accessToken: 'AT-1', refreshToken: 'RT-1' });
  });

  it('reports a wrong key in the channel health instead of failing it', async () => {
    vi.stubEnv('ZALO_TOKEN_KEY', KEY.toString('hex'));
    harness = await oaHarness({ env: { ZALO_TOKEN_KEY: KEY.toString('hex') } });
    await new OaTokenRepository(harness.store, OTHER_KEY).save(APP_ID, PAIR, T);
    expect(await harness.channel.health()).toEqual({ ok: false, detail: 'zalo_oa_token_key_wrong' });
  });
});
