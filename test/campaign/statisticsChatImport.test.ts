// The statistics export imported by chat and by `npm run cli -- stats:import` goes through
// one function: the same file gets the same line-numbered verdict either way, and both
// imports are audited, the chat's with the person who sent it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContext } from '../../src/bot/context.js';
import type { InboundEvent } from '../../src/bot/types.js';
import { statsImportCommand } from '../../src/cli/commands/statsImport.js';
import type { CliContext } from '../../src/cli/command.js';
import { loadConfig } from '../../src/config.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { statisticsFileInterceptor } from '../../src/campaign/statistics/chatImport.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { Texts } from '../../src/i18n/index.js';
import { projectPath } from '../../src/paths.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../support/testStore.js';

const NOW = new Date('2023-12-11T09:00:00+07:00');
const HEADER = 'unit_code,from,to,received_total,received_online,digitized,fee_dossiers,paid_online';
const config = loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' });

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trolydvc-stats-chat-'));
  store = await openTestStore();
  await importUnitTable(store, readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8')));
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function byCli(name: string, content: string): Promise<string[]> {
  const file = join(dir, name);
  writeFileSync(file, content);
  const lines: string[] = [];
  const ctx: CliContext = { config, store, now: NOW, io: { out: (l) => lines.push(l), err: (l) => lines.push(l) } };
  await statsImportCommand.run([file], ctx);
  return lines;
}

async function byChat(name: string, content: string): Promise<{ lines: string[]; personId: number }> {
  const { person } = await store.persons.findOrCreate({ channel: 'telegram', externalId: '9001' }, 'vi');
  await store.roles.grantRole(person.id, 'BT-SO-TTTT', 'compiler', NOW);
  const ctx: TurnContext = {
    person,
    channel: 'telegram',
    capabilities: { buttons: true, images: true, documents: true, maxTextLength: 4096 },
    tr: Texts.load('vi').for('vi'),
    now: NOW,
    externalId: '9001',
  };
  const bytes = Buffer.from(content, 'utf8');
  const message: InboundEvent = {
    kind: 'media',
    mediaKind: 'file',
    file: { name, size: bytes.length, download: async () => bytes },
  };
  const replies = await statisticsFileInterceptor(store)(ctx, message);
  return { lines: (replies ?? []).flatMap((r) => r.text.split('\n')), personId: person.id };
}

const rows = async () =>
  Number(
    (
      await store.sql
        .selectFrom('unit_statistic')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the statistics export by chat and by the command line', () => {
  it('gives the same line-numbered verdict for a broken file, and saves nothing either way', async () => {
    const csv = [
      HEADER,
      'BT-BATRI-TANXUAN,2023-12-04,2023-12-10,10,11,1,1,1',
      'BT-BATRI-ANDUC,31/02/2023,2023-12-10,10,1,1,1,1',
    ].join('\n');
    const cli = await byCli('tuan.csv', csv);
    const chat = await byChat('tuan.csv', csv);
    expect(cli).toHaveLength(3);
    expect(chat.lines).toEqual(['Tệp “tuan.csv”:', ...cli]);
    expect(await rows()).toBe(0);
  });

  it('gives the same verdict for a good file, and audits both imports', async () => {
    const csv = [HEADER, 'BT-BATRI-TANXUAN,2023-12-04,2023-12-10,10,5,1,1,1'].join('\n');
    const cli = await byCli('tuan.csv', csv);
    const chat = await byChat('tuan.csv', csv);
    expect(cli).toEqual(['Đã nhập số liệu: 1 dòng mới, 0 dòng thay thế số liệu cùng kỳ.']);
    expect(chat.lines).toEqual(['Tệp “tuan.csv”:', 'Đã nhập số liệu: 0 dòng mới, 1 dòng thay thế số liệu cùng kỳ.']);
    expect(await rows()).toBe(1);
    const audit = (await store.audit.since(new Date(0))).filter((e) => e.action === 'statistics.imported');
    expect(audit).toEqual([
      expect.objectContaining({ actorId: null, subject: 'tuan.csv', details: { added: 1, replaced: 0, source: 'cli' } }),
      expect.objectContaining({
        actorId: chat.personId,
        subject: 'tuan.csv',
        details: { added: 0, replaced: 1, source: 'chat' },
      }),
    ]);
  });
});
