// stats:import with generated files, CSV and XLSX: valid rows, rows broken in ways the
// format forbids, periods that clash, and plain noise. The command never throws; it
// saves the whole file when (and only when) every row is good, and otherwise nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsImportCommand } from '../../../src/cli/commands/statsImport.js';
import type { CliContext } from '../../../src/cli/command.js';
import { loadConfig } from '../../../src/config.js';
import { readCsvTable } from '../../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../../src/campaign/units/importUnits.js';
import { projectPath } from '../../../src/paths.js';
import type { Store } from '../../../src/store/index.js';
import { openTestStore } from '../../support/testStore.js';
import { fuzzRuns, fuzzTimeout } from '../support/fuzzRuns.js';

const UNITS = ['BT-BATRI', 'BT-BATRI-TANXUAN', 'BT-BATRI-ANDUC', 'BT-BINHDAI', 'BT-BINHDAI-PHUVANG', 'BT-SO-TTTT'];
const HEADER = [
  'Mã đơn vị',
  'Từ ngày',
  'Đến ngày',
  'Tổng hồ sơ tiếp nhận',
  'Tiếp nhận trực tuyến',
  'Hồ sơ số hóa',
  'Hồ sơ có phí',
  'Thanh toán trực tuyến',
];
const MONDAYS = ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22'];

interface Row {
  unit: string;
  from: string;
  to: string;
  counts: [number, number, number, number, number];
  /** Written with Vietnamese separators, as dates DD/MM/YYYY, as XLSX number or date cells. */
  style: { vnDate: boolean; dotted: boolean; cells: boolean };
  /** How the row is spoiled, if it is. */
  broken?: 'unknownUnit' | 'badDate' | 'onlineAboveTotal' | 'negative' | 'words' | 'empty';
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const vnDay = (day: string) => day.split('-').reverse().join('/');

const row: fc.Arbitrary<Row> = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    monday: fc.constantFrom(...MONDAYS),
    short: fc.boolean(),
    total: fc.nat(20_000),
    shares: fc.tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ),
    style: fc.record({ vnDate: fc.boolean(), dotted: fc.boolean(), cells: fc.boolean() }),
    broken: fc.option(
      fc.constantFrom(
        'unknownUnit' as const,
        'badDate' as const,
        'onlineAboveTotal' as const,
        'negative' as const,
        'words' as const,
        'empty' as const,
      ),
      { freq: 6 },
    ),
  })
  .map(({ unit, monday, short, total, shares: [online, digitized, fee, paid], style, broken }) => {
    const feeDossiers = Math.floor(total * fee);
    return {
      unit,
      from: monday,
      to: addDays(monday, short ? 4 : 6),
      counts: [total, Math.floor(total * online), Math.floor(total * digitized), feeDossiers, Math.floor(feeDossiers * paid)],
      style,
      ...(broken ? { broken } : {}),
    };
  });

function cellsOf(r: Row): (string | number | Date)[] {
  const count = (n: number) => (r.style.cells ? n : r.style.dotted ? n.toLocaleString('vi-VN') : String(n));
  const day = (d: string) => (r.style.cells ? new Date(`${d}T00:00:00Z`) : r.style.vnDate ? vnDay(d) : d);
  const cells: (string | number | Date)[] = [r.unit, day(r.from), day(r.to), ...r.counts.map(count)];
  switch (r.broken) {
    case 'unknownUnit':
      cells[0] = 'BT-NOWHERE';
      break;
    case 'badDate':
      cells[1] = '31/02/2024';
      break;
    case 'onlineAboveTotal':
      cells[3] = 5;
      cells[4] = 6;
      break;
    case 'negative':
      cells[7] = '-1';
      break;
    case 'words':
      cells[5] = 'nhiều';
      break;
    case 'empty':
      cells[6] = '';
      break;
  }
  return cells;
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from <= b.to && b.from <= a.to;

interface Saved {
  unit_code: string;
  from_date: string;
  to_date: string;
  received_total: number;
  received_online: number;
  digitized: number;
  fee_dossiers: number;
  paid_online: number;
}

/** The rules of docs/statistics-format.md, applied to the generated rows. */
function fileIsGood(rows: Row[], saved: Saved[]): boolean {
  return rows.every((r, i) => {
    if (r.broken) return false;
    if (rows.slice(0, i).some((o) => o.unit === r.unit && overlaps(o, r))) return false;
    return !saved.some(
      (s) =>
        s.unit_code === r.unit &&
        overlaps({ from: s.from_date, to: s.to_date }, r) &&
        !(s.from_date === r.from && s.to_date === r.to),
    );
  });
}

let dir: string;
let store: Store;
const config = loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' });
const snapshot = (): Promise<Saved[]> =>
  store.sql.selectFrom('unit_statistic').selectAll().orderBy('unit_code').orderBy('from_date').orderBy('to_date').execute();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trolydvc-stats-fuzz-'));
  store = await openTestStore();
  await importUnitTable(store, readCsvTable(readFileSync(projectPath('data', 'units', 'ben-tre-2023-units.csv'), 'utf8')));
  // An earlier import the files must not overlap (replacing the same period is allowed).
  await store.statistics.saveStatistics(
    [
      {
        unitCode: 'BT-BATRI-TANXUAN',
        from: '2024-01-08',
        to: '2024-01-14',
        receivedTotal: 10,
        receivedOnline: 5,
        digitized: 5,
        feeDossiers: 4,
        paidOnline: 1,
      },
    ],
    new Date('2024-01-15T00:00:00Z'),
    'earlier',
  );
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;
async function importFile(name: string, bytes: Uint8Array | string): Promise<{ code: number; errors: string[] }> {
  const file = join(dir, `${fileNo++}-${name}`);
  writeFileSync(file, bytes);
  const errors: string[] = [];
  const ctx: CliContext = {
    config,
    store,
    now: new Date('2024-02-01T00:00:00Z'),
    io: { out: () => {}, err: (line) => errors.push(line) },
  };
  const code = await statsImportCommand.run([file], ctx);
  return { code, errors };
}

/** Checks one import against the rules: all of the file saved, or nothing at all. */
async function check(rows: Row[], name: string, bytes: Uint8Array | string) {
  const before = await snapshot();
  const good = fileIsGood(rows, before);
  const { code, errors } = await importFile(name, bytes);
  const after = await snapshot();
  expect(code, errors.join('\n')).toBe(good ? 0 : 1);
  if (!good) {
    expect(after).toEqual(before);
    expect(errors.length).toBeGreaterThan(0);
    return;
  }
  const added = rows.filter(
    (r) => !before.some((s) => s.unit_code === r.unit && s.from_date === r.from && s.to_date === r.to),
  ).length;
  expect(after.length).toBe(before.length + added);
  for (const r of rows) {
    const s = after.find((x) => x.unit_code === r.unit && x.from_date === r.from && x.to_date === r.to);
    expect(s && [s.received_total, s.received_online, s.digitized, s.fee_dossiers, s.paid_online]).toEqual(r.counts);
  }
}

const csvLine = (cells: (string | number | Date)[], sep: string) =>
  cells
    .map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c)))
    .map((c) => (c.includes(sep) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c))
    .join(sep);

async function xlsxBytes(lines: (string | number | Date)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const line of lines) sheet.addRow(line);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('stats:import under generated files', () => {
  it(
    'CSV: saves the whole file or nothing, and says what is wrong',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(row, { minLength: 1, maxLength: 8 }),
          fc.constantFrom(',', ';'),
          fc.boolean(),
          async (rows, sep, bom) => {
            const text = [HEADER, ...rows.map(cellsOf)].map((cells) => csvLine(cells, sep)).join('\r\n');
            await check(rows, 'stats.csv', `${bom ? '\uFEFF' : ''}${text}\n`);
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
    },
    fuzzTimeout(30_000),
  );

  it(
    'XLSX: the same, with number and date cells',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (rows) => {
          await check(rows, 'stats.xlsx', await xlsxBytes([HEADER, ...rows.map(cellsOf)]));
        }),
        { numRuns: fuzzRuns(40) },
      );
    },
    fuzzTimeout(30_000),
  );

  it(
    'noise, in either format, is refused without a crash and changes nothing',
    async () => {
      const noise = fc.oneof(
        fc.uint8Array({ maxLength: 400 }),
        fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
        // A real header above random lines, with stray quotes and separators.
        fc
          .array(fc.string({ unit: fc.constantFrom(...'ab1.,;"\n\r /-'), maxLength: 40 }), { maxLength: 6 })
          .map((lines) => new TextEncoder().encode([HEADER.join(','), ...lines].join('\n'))),
        // A zip that is not a workbook, or a workbook cut short.
        fc.nat(2000).map((n) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(n % 64).fill(n % 251)])),
      );
      const truncated = await xlsxBytes([
        HEADER,
        cellsOf({
          unit: 'BT-BATRI',
          from: '2024-01-01',
          to: '2024-01-07',
          counts: [1, 1, 1, 1, 1],
          style: { vnDate: false, dotted: false, cells: true },
        }),
      ]);
      await fc.assert(
        fc.asyncProperty(
          noise,
          fc.constantFrom('noise.csv', 'noise.xlsx'),
          fc.nat(truncated.length),
          async (bytes, name, cut) => {
            for (const [file, content] of [
              [name, bytes],
              ['cut.xlsx', truncated.slice(0, cut)],
            ] as const) {
              const before = await snapshot();
              const { code } = await importFile(file, content);
              if (code !== 0) expect(await snapshot()).toEqual(before);
            }
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
    },
    fuzzTimeout(30_000),
  );
});
