// The week's statistics export sent to the bot as a Telegram file: the real channel and the
// real engine, against a local fake Bot API that serves getFile and the file's bytes. The
// compiler gets stats:import's line-numbered verdict and all of the file or nothing is
// saved; anyone else gets the usual "files are not read" answer, and nothing is fetched.
import { readFileSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/channel.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { projectPath } from '../../src/paths.js';
import { createTestBot, type TestBot } from '../support/harness.js';
import { BOT_INFO, memoryLogger } from './harness.js';
import { type FileBotApi, startFileBotApi } from './fileBotApi.js';

const TOKEN = '555000111:stats-file-test-token_abcdefghij';
const NOW = new Date('2023-12-11T09:00:00+07:00');
const COMPILER_CHAT = 7001;
const CITIZEN_CHAT = 7002;
const REPORTER_CHAT = 7003;
const HEADER =
  'Mã đơn vị,Từ ngày,Đến ngày,Tổng hồ sơ tiếp nhận,Tiếp nhận trực tuyến,Hồ sơ số hóa,Hồ sơ có phí,Thanh toán trực tuyến';

let api: FileBotApi;
let bot: TestBot;
let channel: TelegramChannel;
let compilerId: number;
let updateId = 50_000;

beforeAll(async () => {
  api = await startFileBotApi(TOKEN);
  bot = await createTestBot({ now: () => NOW });
  await importUnitTable(bot.store, readCsvTable(readFileSync(projectPath('data/units/ben-tre-2023-units.csv'), 'utf8')));
  const person = async (chat: number) => {
    const id = await bot.as(String(chat), 'telegram').personId();
    await bot.store.persons.markNoticed(id);
    return id;
  };
  compilerId = await person(COMPILER_CHAT);
  await bot.store.roles.grantRole(compilerId, 'BT-SO-TTTT', 'compiler', NOW);
  await bot.store.roles.grantRole(await person(REPORTER_CHAT), 'BT-BATRI-TANXUAN', 'reporter', NOW);
  await person(CITIZEN_CHAT);
  channel = createTelegramChannel({
    token: TOKEN,
    apiRoot: api.url,
    engine: bot.runtime.engine,
    turns: bot.store.turns,
    logger: memoryLogger().logger,
    botInfo: BOT_INFO,
  });
});
afterAll(async () => {
  await channel?.stop();
  await bot?.close();
  await api?.close();
});

/** A person sends a file, as Telegram delivers it; returns the texts the bot sent back. */
async function sendFile(
  chat: number,
  name: string,
  content: Uint8Array | string,
  extra: { size?: number; mime?: string } = {},
): Promise<string> {
  const { fileId, size } = api.addFile(name, content);
  const before = api.textsTo(chat).length;
  const id = ++updateId;
  const update = {
    update_id: id,
    message: {
      message_id: id,
      date: 1_702_260_000,
      chat: { id: chat, type: 'private', first_name: 'An' },
      from: { id: chat, is_bot: false, first_name: 'An', language_code: 'vi' },
      document: {
        file_id: fileId,
        file_unique_id: `u-${fileId}`,
        file_name: name,
        file_size: extra.size ?? size,
        ...(extra.mime ? { mime_type: extra.mime } : {}),
      },
    },
  } as unknown as Update;
  await channel.bot.handleUpdate(update);
  return api.textsTo(chat).slice(before).join('\n');
}

const savedRows = () =>
  bot.store.sql
    .selectFrom('unit_statistic')
    .select(['unit_code', 'from_date', 'to_date', 'received_total', 'received_online'])
    .orderBy('unit_code')
    .orderBy('from_date')
    .execute();
const auditOf = (action: string) =>
  bot.store.sql
    .selectFrom('audit_event')
    .select(['actor_id', 'subject', 'details'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();

describe('the statistics export sent on Telegram', () => {
  it('a broken CSV from the compiler: every problem with its line number, and nothing saved', async () => {
    const csv = [
      HEADER,
      'BT-BATRI-TANXUAN,04/12/2023,10/12/2023,64,21,30,25,3',
      'BT-BATRI-ANDUC,04/12/2023,10/12/2023,48,60,31,19,6',
      'BT-NOWHERE,04/12/2023,10/12/2023,10,1,1,1,1',
    ].join('\n');
    const answer = await sendFile(COMPILER_CHAT, 'thong-ke-tuan.csv', csv);
    expect(answer).toContain('Tệp “thong-ke-tuan.csv”:');
    expect(answer).toContain('Dòng 3: số hồ sơ trực tuyến lớn hơn tổng số hồ sơ tiếp nhận.');
    expect(answer).toContain('Dòng 4: không có đơn vị mã “BT-NOWHERE”');
    expect(answer).toContain('Tệp có 2 lỗi; chưa lưu gì.');
    expect(await savedRows()).toEqual([]);
    expect(await auditOf('statistics.imported')).toEqual([]);
  });

  it('a good CSV from the compiler: the counts of the verdict, the statistics saved, and the import audited', async () => {
    const csv = [
      HEADER,
      'BT-BATRI-TANXUAN,27/11/2023,03/12/2023,64,21,30,25,3',
      'BT-BATRI-ANDUC,27/11/2023,03/12/2023,48,26,31,19,6',
      'BT-BATRI,27/11/2023,03/12/2023,1.020,412,530,210,35',
    ].join('\n');
    const answer = await sendFile(COMPILER_CHAT, 'thong-ke-tuan.csv', csv);
    expect(answer).toContain('Đã nhập số liệu: 3 dòng mới, 0 dòng thay thế số liệu cùng kỳ.');
    expect(await savedRows()).toEqual([
      { unit_code: 'BT-BATRI', from_date: '2023-11-27', to_date: '2023-12-03', received_total: 1020, received_online: 412 },
      { unit_code: 'BT-BATRI-ANDUC', from_date: '2023-11-27', to_date: '2023-12-03', received_total: 48, received_online: 26 },
      { unit_code: 'BT-BATRI-TANXUAN', from_date: '2023-11-27', to_date: '2023-12-03', received_total: 64, received_online: 21 },
    ]);
    const [audit] = await auditOf('statistics.imported');
    expect(audit).toMatchObject({ actor_id: compilerId, subject: 'thong-ke-tuan.csv' });
    expect(JSON.parse(audit!.details)).toEqual({ added: 3, replaced: 0, source: 'chat' });
  });

  it('the XLSX export too, and sending it again replaces rather than adds', async () => {
    const sample = readFileSync(projectPath('data/samples/statistics-sample.xlsx'));
    expect(await sendFile(COMPILER_CHAT, 'statistics-sample.xlsx', sample)).toContain(
      'Đã nhập số liệu: 5 dòng mới, 0 dòng thay thế số liệu cùng kỳ.',
    );
    expect(await savedRows()).toHaveLength(8);
    expect(await sendFile(COMPILER_CHAT, 'statistics-sample.xlsx', sample)).toContain(
      'Đã nhập số liệu: 0 dòng mới, 5 dòng thay thế số liệu cùng kỳ.',
    );
    expect(await savedRows()).toHaveLength(8);
  });

  it('a citizen who sends a file gets the usual answer, and the file is never fetched', async () => {
    const downloads = api.downloads.length;
    const answer = await sendFile(
      CITIZEN_CHAT,
      'thong-ke-tuan.csv',
      `${HEADER}\nBT-BATRI-MYHOA,04/12/2023,10/12/2023,10,1,1,1,1`,
    );
    expect(answer).toContain('Trợ lý chỉ đọc được chữ, không xem ảnh hay tệp.');
    expect(answer).not.toMatch(/Dòng|nhập số liệu|thống kê/);
    expect(api.downloads).toHaveLength(downloads);
    expect(await savedRows()).toHaveLength(8);
  });

  it('an official who may not import gets the same usual answer', async () => {
    const answer = await sendFile(
      REPORTER_CHAT,
      'thong-ke-tuan.csv',
      `${HEADER}\nBT-BATRI-MYHOA,04/12/2023,10/12/2023,10,1,1,1,1`,
    );
    expect(answer).toContain('Trợ lý chỉ đọc được chữ, không xem ảnh hay tệp.');
    expect(await savedRows()).toHaveLength(8);
  });

  it('another type of file, or one over 5 MB, is refused with what to send, without fetching it', async () => {
    const downloads = api.downloads.length;
    const pdf = await sendFile(COMPILER_CHAT, 'bao-cao.pdf', '%PDF-1.4', { mime: 'application/pdf' });
    expect(pdf).toContain('chỉ nhận bảng số liệu thống kê dạng .xlsx hoặc .csv');
    expect(pdf).toContain('Mã đơn vị, Từ ngày, Đến ngày');
    const big = await sendFile(COMPILER_CHAT, 'thong-ke-ca-nam.csv', HEADER, { size: 6 * 1024 * 1024 });
    expect(big).toContain('quá giới hạn 5 MB');
    expect(api.downloads).toHaveLength(downloads);
    expect(await savedRows()).toHaveLength(8);
  });

  it('a file whose content turns out larger than announced is refused after all', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `BT-BATRI-TANXUAN,04/12/2023,10/12/2023,${i},1,1,1,1`);
    const answer = await sendFile(COMPILER_CHAT, 'lon.csv', [HEADER, ...rows].join('\n'), { size: 1000 });
    expect(answer).toContain('quá giới hạn 5 MB');
    expect(await savedRows()).toHaveLength(8);
  });
});
