// contacts:import: the province fills in its communes' help contacts; a bad file is
// refused as a whole with every problem named, and what was saved before is kept.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsImportCommand } from '../../src/cli/commands/contactsImport.js';
import { CLI_COMMANDS } from '../../src/cli/registry.js';
import type { CliContext } from '../../src/cli/command.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../support/testStore.js';
import { projectPath } from '../../src/paths.js';
import { loadUnits } from './support/units.js';

let store: Store;
let out: string[];
let err: string[];
let dir: string;

beforeEach(async () => {
  store = await openTestStore();
  await loadUnits(store, 'ben-tre-2023-units.csv');
  out = [];
  err = [];
  dir = mkdtempSync(join(tmpdir(), 'contacts-'));
});
afterEach(() => store.close());

function ctx(): CliContext {
  return {
    config: loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }),
    store,
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    now: new Date('2025-07-01T03:00:00Z'),
  };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('contacts:import', () => {
  it("is registered as an administrators' command", () => {
    expect(CLI_COMMANDS).toContain(contactsImportCommand);
  });

  it('imports the shipped template without error (it holds no invented contacts)', async () => {
    expect(await contactsImportCommand.run([projectPath('data', 'help-contacts.csv')], ctx())).toBe(0);
    expect(await store.sql.selectFrom('help_contact').selectAll().execute()).toEqual([]);
  });

  it("saves each commune's contacts and updates them on a second import", async () => {
    const first = file(
      'contacts.csv',
      'unit_code,desk_name,address,phone,office_hours,team_contact\n' +
        'BT-TPBENTRE-PHUHUNG,,"Ấp 1, xã Phú Hưng",0275 3 000 000,,\n' +
        'bt-batri-tanxuan,Bộ phận Một cửa xã Tân Xuân,,,,"Tổ CĐS: 0900 000 000"\n',
    );
    expect(await contactsImportCommand.run([first], ctx())).toBe(0);
    expect(out.at(-1)).toBe(
      'Đã nhập liên hệ hỗ trợ của 2 xã, phường: 2 mới, 0 cập nhật. Các xã, phường không có trong tệp giữ nguyên.',
    );
    expect(await store.helpContacts.getHelpContact('BT-TPBENTRE-PHUHUNG')).toEqual({
      unitCode: 'BT-TPBENTRE-PHUHUNG',
      address: 'Ấp 1, xã Phú Hưng',
      phone: '0275 3 000 000',
    });
    const second = file('again.csv', 'ma_don_vi;dien_thoai\nBT-TPBENTRE-PHUHUNG;0275 3 111 111\n');
    expect(await contactsImportCommand.run([second], ctx())).toBe(0);
    expect((await store.helpContacts.getHelpContact('BT-TPBENTRE-PHUHUNG'))?.phone).toBe('0275 3 111 111');
    expect((await store.helpContacts.getHelpContact('BT-BATRI-TANXUAN'))?.teamContact).toBe('Tổ CĐS: 0900 000 000');
  });

  it('refuses a file with problems as a whole, naming each line, and keeps what was saved', async () => {
    await contactsImportCommand.run([file('ok.csv', 'unit_code,phone\nBT-TPBENTRE-PHUHUNG,0275 3 000 000\n')], ctx());
    const bad = file(
      'bad.csv',
      'unit_code,phone\n' +
        'BT-TPBENTRE-PHUHUNG,0275 3 999 999\n' +
        'BT-BATRI-TANXUAN,gọi UBND\n' +
        'BT-KHONGCO,0275 3 000 001\n' +
        'BT-TPBENTRE-PHUHUNG,0275 3 000 002\n',
    );
    expect(await contactsImportCommand.run([bad], ctx())).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(/^Dòng 3: cột “phone”: “gọi UBND” không phải số điện thoại gọi được/),
      expect.stringMatching(/^Dòng 4: không có đơn vị mã “BT-KHONGCO”/),
      expect.stringMatching(/^Dòng 5: mã “BT-TPBENTRE-PHUHUNG” đã có ở dòng 2/),
      'Tệp có 3 lỗi; chưa lưu gì. Xin sửa rồi nhập lại.',
    ]);
    expect((await store.helpContacts.getHelpContact('BT-TPBENTRE-PHUHUNG'))?.phone).toBe('0275 3 000 000');
  });

  it('says what is missing when the unit code column is absent or the file is missing', async () => {
    expect(await contactsImportCommand.run([file('nocode.csv', 'phone\n0275 3 000 000\n')], ctx())).toBe(1);
    expect(err[0]).toBe('Dòng 1: thiếu cột “unit_code”.');
    err.length = 0;
    expect(await contactsImportCommand.run([], ctx())).toBe(1);
    expect(err[0]).toMatch(/^Cách dùng: contacts:import FILE.csv/);
  });
});
