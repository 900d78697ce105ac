import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/cli/commands/audit.js';
import { backupCommand } from '../../src/cli/commands/backup.js';
import type { CliContext } from '../../src/cli/command.js';
import { loadConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/index.js';
import { onPostgres, openTestStore } from '../support/testStore.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function cli(store: Store) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    config: loadConfig({}),
    store,
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    now: new Date('2023-12-08T03:00:00Z'),
  };
  return { ctx, out, err };
}

describe('audit log', () => {
  it('is append-only: an event cannot be changed or deleted', async () => {
    const store = await openTestStore();
    await store.audit.record({ actorId: 7, action: 'report.submitted', unitCode: 'BT-BATRI', details: { week: '2023-12-08' } });
    await expect(store.sql.updateTable('audit_event').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(store.sql.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
    expect(await store.audit.since(new Date(0))).toHaveLength(1);
  });

  it('`audit --since DATE` prints the events from that day, and explains a bad date', async () => {
    const store = await openTestStore();
    await store.audit.record({ action: 'official.registered', actorId: 1, unitCode: 'BT', at: new Date('2023-11-30T02:00:00Z') });
    await store.audit.record({
      action: 'report.submitted',
      actorId: 2,
      unitCode: 'BT-BATRI',
      at: new Date('2023-12-08T02:00:00Z'),
    });
    const { ctx, out } = cli(store);
    expect(await auditCommand.run(['--since', '2023-12-01'], ctx)).toBe(0);
    expect(out[0]).toContain('report.submitted');
    expect(out.join('\n')).not.toContain('official.registered');
    expect(out.at(-1)).toBe('1 sự kiện từ ngày 2023-12-01.');
    const bad = cli(store);
    expect(await auditCommand.run(['--since', '08/12/2023'], bad.ctx)).toBe(1);
    expect(bad.err[0]).toMatch(/--since YYYY-MM-DD/);
  });
});

// A copy of the SQLite file (PostgreSQL is backed up with pg_dump): left to the SQLite run.
describe.skipIf(onPostgres)('backup', () => {
  it('copies the live database; the copy restores every row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'live.sqlite'));
    for (let i = 0; i < 50; i++) await store.persons.findOrCreate({ channel: 'telegram', externalId: String(i) }, 'vi');
    await store.audit.record({ action: 'report.submitted', unitCode: 'BT-BATRI' });
    const { ctx, out } = cli(store);
    const target = join(dir, 'copy.sqlite');
    expect(await backupCommand.run(['--out', target], ctx)).toBe(0);
    expect(out[0]).toContain('Để khôi phục');
    await store.close();

    const restored = openStore(target);
    expect(await restored.sql.selectFrom('person').select('id').execute()).toHaveLength(50);
    expect((await restored.audit.since(new Date(0))).map((e) => e.action)).toEqual(['report.submitted']);
    await restored.close();
  });

  it('refuses to overwrite an existing file unless asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'live.sqlite'));
    const { ctx, err } = cli(store);
    expect(await backupCommand.run(['--out', join(dir, 'live.sqlite')], ctx)).toBe(1);
    expect(err[0]).toMatch(/đã có/);
    await store.close();
  });
});

describe('what the audit log records', () => {
  it('records a registration by invite, with the unit and role', async () => {
    const { campaignBot } = await import('../campaign/campaignBot.js');
    const bot = await campaignBot();
    const invite = await bot.store.invites.createInvite('BT-BATRI', 'head', new Date('2023-12-08T01:00:00Z'));
    await bot.command('dangky', invite.code);
    const events = (await bot.store.audit.since(new Date(0))).filter((e) => e.action === 'official.registered');
    expect(events).toEqual([
      expect.objectContaining({ actorId: await bot.personId(), unitCode: 'BT-BATRI', details: { role: 'head' } }),
    ]);
  });
});
