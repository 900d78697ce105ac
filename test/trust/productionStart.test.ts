// A production start hands out no access: demo data and demo codes belong to a local
// trial (no channel configured), and a code is never written to the log at any level.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { testDatabase, type TestDatabase } from '../support/testStore.js';
import { startBotApiStub, type BotApiStub } from './support/botApiStub.js';
import { killAll, startBotProcess } from './support/botProcess.js';

const TOKEN = '555000222:production-start-token_abcdefghij';
const dir = mkdtempSync(join(tmpdir(), 'trolydvc-start-'));
let stub: BotApiStub | undefined;
const databases: TestDatabase[] = [];

afterAll(async () => {
  await killAll();
  await stub?.close();
  for (const database of databases) await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function databaseAt(file: string): Promise<TestDatabase> {
  const database = await testDatabase(join(dir, file));
  databases.push(database);
  return database;
}

const CODE_LINE = /\/dangky ([A-Z0-9]{10})\b/;

async function counts(database: TestDatabase): Promise<{ units: number; invites: number; inviteAudits: number }> {
  const store = await database.open();
  try {
    const { sql } = store;
    return {
      units: (await sql.selectFrom('unit').select('code').execute()).length,
      invites: (await sql.selectFrom('invite').select('id').execute()).length,
      inviteAudits: (await sql.selectFrom('audit_event').select('id').where('action', 'like', 'invite.%created').execute())
        .length,
    };
  } finally {
    await store.close();
  }
}

describe('demo data only where it is a trial', () => {
  it('is on by default with no channel, and off by default with any channel configured', () => {
    expect(loadConfig({}).DEMO_DATA).toBe(true);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: `${TOKEN}`, TELEGRAM_MODE: 'polling' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ ZALO_BOT_TOKEN: '1234567890:abcdef', ZALO_BOT_SECRET: 'secret-token-1' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ ZALO_APP_ID: '123456789' }).DEMO_DATA).toBe(false);
    // Asked for explicitly (a trial on a real Telegram bot), it is on.
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'polling', DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
  });

  it('a production start with Telegram configured loads no demo tree and creates no invitation', async () => {
    stub = await startBotApiStub();
    const database = await databaseAt('production.sqlite');
    const bot = await startBotProcess({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: 'production-start-secret_0123',
      TELEGRAM_API_ROOT: stub.url,
      ...database.env,
      LOG_LEVEL: 'trace',
    });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).not.toMatch(/dangky/);
    expect(await counts(database)).toEqual({ units: 0, invites: 0, inviteAudits: 0 });
  });

  it('a local trial prints its codes on standard output, never in a log line, and audits them', async () => {
    const database = await databaseAt('trial.sqlite');
    const bot = await startBotProcess({ ...database.env, LOG_LEVEL: 'trace' });
    // The codes are written just after the "ready" line; give the stream a moment.
    const deadline = Date.now() + 5000;
    while (bot.output().match(new RegExp(CODE_LINE, 'g'))?.length !== 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);

    const lines = bot.output().split('\n');
    const codes = lines.flatMap((l) => CODE_LINE.exec(l)?.[1] ?? []);
    expect(codes).toHaveLength(3);
    const logLines = lines.filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    for (const code of codes) for (const line of logLines) expect(line).not.toContain(code);
    // Every code printed is a plain line for the tester, not a structured log record.
    for (const line of lines.filter((l) => CODE_LINE.test(l))) expect(() => void JSON.parse(line)).toThrow();
    expect(await counts(database)).toMatchObject({ invites: 3, inviteAudits: 3 });
  });
});
