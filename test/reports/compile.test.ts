import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CampaignDefinitionSchema } from '../../src/campaign/definition/schema.js';
import type { ReportFigures } from '../../src/campaign/reports/figures.js';
import { periodForDeadlineDay, type ReportingPeriod } from '../../src/campaign/reports/week.js';
import { COLUMNS, HEADER_ROW, HEADER_TOP } from '../../src/campaign/reports/workbook.js';
import { readCsvTable } from '../../src/campaign/sourceTable/csv.js';
import { importUnitTable } from '../../src/campaign/units/importUnits.js';
import { reportExportCommand } from '../../src/cli/commands/reportExport.js';
import { projectPath } from '../../src/paths.js';
import { BEFORE_DEADLINE, DEMO_NOW, reportsBot } from './reportsBot.js';

const WEEK = '2023-12-08';
let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function bot(now = DEMO_NOW, seed = true) {
  const b = await reportsBot(now, { seed });
  cleanup.push(() => b.close());
  return b;
}

type Bot = Awaited<ReturnType<typeof bot>>;

function figures(n: number, extra: Partial<ReportFigures> = {}): ReportFigures {
  return {
    receivedTotal: 100 * n,
    receivedOnline: 40 * n,
    digitized: 90 * n,
    feeDossiers: 50 * n,
    paidOnline: 10 * n,
    accountsHelped: n,
    paymentsHelped: 2 * n,
    difficulties: '',
    proposals: '',
    ...extra,
  };
}

async function period(b: Bot, unit: string, day = WEEK): Promise<ReportingPeriod> {
  return periodForDeadlineDay((await b.store.campaigns.campaignFor(unit, day))!, 'weekly', day)!;
}

async function file(b: Bot, unit: string, f: ReportFigures, at = BEFORE_DEADLINE, day = WEEK) {
  const personId = (await b.store.persons.findOrCreate({ channel: 'telegram', externalId: `filer-${unit}` }, 'vi')).person.id;
  await b.store.reports.submitReport({ unitCode: unit, period: await period(b, unit, day), figures: f, personId, at });
}

const CELL = (sheet: ExcelJS.Worksheet, column: string, row: number) => {
  const v = sheet.getCell(`${column}${row}`).value;
  return v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v;
};

async function readSheet(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** The table's last row: the one total, "TỔNG CỘNG …"; below it come only the note and the signatures. */
function totalRowOf(sheet: ExcelJS.Worksheet): number {
  const rows = [...Array(sheet.rowCount).keys()]
    .map((i) => i + 1)
    .filter((r) => ((CELL(sheet, COLUMNS.name, r) ?? '') as string).startsWith('TỔNG CỘNG'));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Checks every unit row against the stored reports and every sum row against its rows. */
async function checkSheet(sheet: ExcelJS.Worksheet, b: Bot, rootCode: string) {
  const reports = await b.store.reports.reportsForPeriod('weekly', WEEK);
  const expected = await b.store.reports.filingsUnder(rootCode, 'weekly', WEEK);
  const keys = [
    'receivedTotal',
    'receivedOnline',
    'digitized',
    'feeDossiers',
    'paidOnline',
    'accountsHelped',
    'paymentsHelped',
  ] as const;
  const seen = new Set<string>();
  let last = HEADER_ROW;
  const total = totalRowOf(sheet);
  for (let r = HEADER_ROW + 1; r < total; r++) {
    const code = CELL(sheet, COLUMNS.code, r);
    if (typeof code !== 'string') continue;
    seen.add(code);
    last = r;
    const report = reports.get(code);
    for (const key of keys)
      expect(CELL(sheet, COLUMNS[key], r), `${code} ${key}`).toBe(report ? report.latest.figures[key] : null);
    if (report) {
      const f = report.latest.figures;
      expect(CELL(sheet, COLUMNS.onlineRate, r)).toBeCloseTo(f.receivedOnline / f.receivedTotal, 10);
      expect(CELL(sheet, COLUMNS.paymentRate, r)).toBeCloseTo(f.paidOnline / f.feeDossiers, 10);
      expect(CELL(sheet, COLUMNS.late, r)).toBe(report.late ? 'Có' : null);
    } else expect(CELL(sheet, COLUMNS.submittedAt, r)).toBe('Chưa báo cáo');
  }
  expect([...seen].sort()).toEqual(expected.map((f) => f.unit.code).sort());
  // The table's last row is the total of every report, as a SUBTOTAL formula over all rows.
  expect(total).toBe(
    last + 1 + (String(sheet.getCell(`${COLUMNS.name}${last + 1}`).value as string | null).startsWith('Cộng') ? 1 : 0),
  );
  for (const key of keys) {
    const sum = [...reports.values()].filter((r) => seen.has(r.unitCode)).reduce((s, r) => s + r.latest.figures[key], 0);
    expect(CELL(sheet, COLUMNS[key], total), `total ${key}`).toBe(sum);
    expect((sheet.getCell(`${COLUMNS[key]}${total}`).value as { formula: string }).formula).toBe(
      `SUBTOTAL(9,${COLUMNS[key]}${HEADER_ROW + 1}:${COLUMNS[key]}${total - 1})`,
    );
  }
  // Below the total only words (the note, the signature blocks): no figure, no formula.
  for (let r = total + 1; r <= sheet.rowCount; r++)
    sheet.getRow(r).eachCell((cell) => expect(typeof cell.value, cell.address).toBe('string'));
}

describe('roll-up in a three-tier tree (Bến Tre 2023: province, districts, communes)', () => {
  it('shows a district head which communes have reported, and reminds the missing ones once a day', async () => {
    const b = await bot();
    const communes = (await b.store.reports.filingsUnder('BT-BATRI', 'weekly', WEEK)).filter((f) => f.unit.kind === 'commune');
    await file(b, communes[0]!.unit.code, figures(1));
    await file(b, communes[1]!.unit.code, figures(2), DEMO_NOW);
    const missingCommune = communes[2]!.unit;
    const reporter = await b.official('r-missing', missingCommune.code, 'reporter');
    await reporter.command('start');

    const head = await b.official('head', 'BT-BATRI', 'head');
    await head.command('tonghop');
    const text = head.lastText();
    expect(text).toContain('Huyện Ba Tri');
    expect(text).toContain(
      `Đã báo cáo 2/${communes.length + 1} đơn vị: đúng hạn 1, nộp muộn 1; chưa báo cáo ${communes.length - 1}`,
    );
    expect(text).toContain(`⏰ Nộp muộn: ${communes[1]!.unit.name}`);
    expect(text).toContain(missingCommune.name);
    expect(text).toContain('Hồ sơ tiếp nhận 300, trực tuyến 120');
    // Only this district's units: nothing from another district.
    expect(text).not.toContain('Huyện Chợ Lách');

    await head.tap(/^Nhắc \d+ đơn vị chưa báo cáo$/);
    // Only the unit someone is registered for counts as reminded; the others are named as unreachable.
    expect(head.lastText()).toContain('Đã xếp lịch nhắc 1 đơn vị chưa báo cáo (1 tin nhắn mới)');
    const reminders = b.store.sql.selectFrom('outbox_message').where('purpose', '=', 'report-reminder').orderBy('id');
    const queued = await reminders.select(['external_id', 'payload']).execute();
    expect(queued.map((q) => q.external_id)).toEqual(['r-missing']);
    expect(queued[0]!.payload).toContain(`${missingCommune.name} chưa gửi báo cáo`);

    await head.command('tonghop', 'nhac BT-BATRI');
    expect(head.lastText()).toContain('(0 tin nhắn mới)');
    expect(head.lastText()).toContain('1 tin nhắc đã được xếp gửi trong hôm nay (đã gửi hoặc đang chờ đến lượt)');
    expect(await reminders.select('id').execute()).toHaveLength(1);
    // Each reminding is in the audit log, as from the dashboard: who, which unit, which period.
    const audit = (await b.store.audit.since(new Date(0))).filter((e) => e.action === 'report.reminded');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ unitCode: 'BT-BATRI', actorId: await head.personId() });
    expect(audit.map((e) => e.details)).toEqual([
      { from: 'chat', units: 1, queued: 1, unreachable: expect.any(Number) },
      { from: 'chat', units: 1, queued: 0, unreachable: expect.any(Number) },
    ]);
  });

  it('reminds everyone at 23:05 only when quiet hours end, names who was reminded, and groups the rest by district', async () => {
    // Thursday 23:05, before the Friday 10:00 deadline of the demo's week.
    const b = await bot(new Date('2023-12-07T23:05:00+07:00'));
    const reporter = await b.official('r-tanmy', 'BT-BATRI-TANMY', 'reporter');
    await reporter.command('start');
    const compiler = await b.official('compiler', 'BT-SO-TTTT', 'compiler');
    await compiler.command('tonghop', 'nhac BT');
    const text = compiler.lastText();

    const queued = await b.store.sql
      .selectFrom('outbox_message')
      .select(['external_id', 'not_before'])
      .where('purpose', '=', 'report-reminder')
      .orderBy('id')
      .execute();
    expect(queued).toEqual([{ external_id: 'r-tanmy', not_before: new Date('2023-12-08T07:00:00+07:00').toISOString() }]);
    expect(text).toContain('07:00');
    expect(text).toMatch(/Đã xếp lịch nhắc 1 đơn vị chưa báo cáo \(1 tin nhắn mới\): Xã Tân Mỹ \(Huyện Ba Tri\)\./);
    // Units with nobody registered, under their district, each name once.
    expect(text).toMatch(/Huyện Ba Tri: [^\n]*Xã An Đức/);
    expect(text).toMatch(/Huyện Chợ Lách: [^\n]*Xã /);
    for (const line of text.split('\n').filter((l) => /^\s*[-•▪]?\s*Huyện [^:]+: /.test(l))) {
      const names = line.split(': ')[1]!.split(', ');
      expect(new Set(names).size, line).toBe(names.length);
    }
  });

  it("gives /tonghop and /tiendo the same campaign-to-date rates, and the units' own filed figures beside them, labelled", async () => {
    const b = await bot();
    // One report filed, with figures (40% online) unlike the system's for the province.
    await file(b, 'BT-BATRI-TANMY', figures(1));
    const compiler = await b.official('compiler', 'BT-SO-TTTT', 'compiler');
    await compiler.command('tiendo', 'BT');
    const tiendo = compiler.lastText();
    const tiendoOnline = /Hồ sơ trực tuyến: [^\n]*?(\d+,\d%)/.exec(tiendo)?.[1];
    expect(tiendoOnline).toBeDefined();

    await compiler.command('tonghop', 'BT');
    const tonghop = compiler.lastText();
    const since = tonghop.slice(tonghop.indexOf('Lũy kế từ đầu chiến dịch'));
    // The system's figure first, the same as /tiendo's; then the units' own reports, labelled.
    expect(since).toMatch(/Lũy kế từ đầu chiến dịch \(số liệu hệ thống/);
    const systemOnline = /Hồ sơ trực tuyến: (\d+,\d%)/.exec(since)?.[1];
    expect(systemOnline).toBe(tiendoOnline);
    expect(since).toMatch(/theo báo cáo các đơn vị đã gửi[^\n]*\n[^]*Hồ sơ trực tuyến: 40,0%/);

    // The workbook says the same, under its table.
    const [exported] = (await compiler.command('tonghop', 'xuat BT')).filter((r) => r.document);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported!.document!.bytes) as unknown as ArrayBuffer);
    const lines: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && lines.push(c.value)));
    const toDate = lines.find((l) => l.startsWith('Lũy kế từ đầu chiến dịch'));
    expect(toDate).toContain(`hồ sơ trực tuyến ${tiendoOnline}`);
  });

  it("lists a district's communes in Vietnamese alphabetical order (Đ after D, not after Z)", async () => {
    const b = await bot();
    const names = (await b.store.reports.filingsUnder('BT-BINHDAI', 'weekly', WEEK))
      .filter((f) => f.unit.kind === 'commune')
      .map((f) => f.unit.name);
    const at = (name: string) => names.indexOf(name);
    expect(at('Xã Châu Hưng')).toBeLessThan(at('Xã Đại Hòa Lộc'));
    expect(at('Xã Định Trung')).toBeLessThan(at('Xã Long Định'));
    expect(at('Xã Vang Quới Đông')).toBeLessThan(at('Xã Vang Quới Tây'));
  });

  it("shows a district's own report with its communes' totals beside it", async () => {
    const b = await bot();
    const communes = (await b.store.reports.filingsUnder('BT-BATRI', 'weekly', WEEK)).filter((f) => f.unit.kind === 'commune');
    await file(b, communes[0]!.unit.code, figures(1));
    await file(b, communes[1]!.unit.code, figures(3));
    const reporter = await b.official('district-reporter', 'BT-BATRI', 'reporter');
    await reporter.command('baocao');
    await reporter.tap('Đúng, dùng các số này');
    for (const answer of ['1', '1', 'không', 'không']) await reporter.send(answer);
    expect(reporter.lastText()).toContain(`Đơn vị trực thuộc đã báo cáo: 2/${communes.length}.`);
    expect(reporter.lastText()).toContain('tiếp nhận 400, trực tuyến 160, số hóa 360, có phí 200, thanh toán trực tuyến 40');
    expect(reporter.lastText()).toContain('Tính cả số liệu của đơn vị và cấp dưới');
  });

  it('refuses /tonghop for a unit outside the person’s reach, and the export to a reporter', async () => {
    const b = await bot();
    const head = await b.official('head', 'BT-BATRI', 'head');
    await head.command('tonghop', 'BT-CHOLACH');
    expect(head.lastText()).toContain('chưa được giao quyền');
    const reporter = await b.official('rep', 'BT-BATRI', 'reporter');
    await reporter.command('tonghop', 'xuat BT-BATRI');
    expect(reporter.lastText()).toContain('chưa được giao quyền');
    await reporter.command('tonghop');
    expect(reporter.choiceLabels()).not.toContain('Tải tệp Excel');
  });

  it('gives the compiler the province: late and missing units, totals, difficulties by unit, and a matching .xlsx', async () => {
    const b = await bot();
    const all = await b.store.reports.filingsUnder('BT', 'weekly', WEEK);
    const some = all.filter((_, i) => i % 3 === 0);
    for (const [i, f] of some.entries())
      await file(
        b,
        f.unit.code,
        figures(i + 1, i === 1 ? { difficulties: 'Mạng chập chờn', proposals: 'Cấp thêm máy quét' } : {}),
        i % 4 === 0 ? DEMO_NOW : BEFORE_DEADLINE,
      );
    const compiler = await b.official('compiler', 'BT-SO-TTTT', 'compiler');
    await compiler.command('tonghop');
    const text = compiler.lastText();
    expect(text).toContain('Tỉnh Bến Tre');
    expect(text).toContain(`Đã báo cáo ${some.length}/${all.length} đơn vị`);
    expect(text).toContain(`▪ ${some[1]!.unit.name}\n  – Khó khăn: Mạng chập chờn\n  – Đề xuất: Cấp thêm máy quét`);
    expect(text).toContain('Lũy kế từ đầu chiến dịch');

    await compiler.tap('Tải tệp Excel');
    const document = compiler.lastReplies.find((r) => r.document)!.document!;
    expect(document.filename).toBe(`bao-cao-tuan-BT-${WEEK}.xlsx`);
    const sheet = await readSheet(document.bytes);
    expect(CELL(sheet, COLUMNS.name, HEADER_ROW)).toBe('Tên đơn vị');
    expect(CELL(sheet, COLUMNS.onlineRate, HEADER_TOP)).toBe('Tỷ lệ hồ sơ trực tuyến');
    expect(CELL(sheet, COLUMNS.onlineRate, HEADER_ROW)).toBe('Tỷ lệ');
    await checkSheet(sheet, b, 'BT');
    // A district's subtotal covers the district and its communes.
    const subtotalRow = [...Array(sheet.rowCount).keys()]
      .map((i) => i + 1)
      .find((r) => CELL(sheet, COLUMNS.name, r) === 'Cộng Huyện Ba Tri')!;
    const batri = await b.store.reports.reportsForPeriod('weekly', WEEK);
    const underBatri = (await b.store.reports.filingsUnder('BT-BATRI', 'weekly', WEEK)).reduce(
      (s, f) => s + (batri.get(f.unit.code)?.latest.figures.receivedTotal ?? 0),
      0,
    );
    expect(CELL(sheet, COLUMNS.receivedTotal, subtotalRow)).toBe(underBatri);
    const exported = (await b.store.audit.since(new Date(0))).filter((e) => e.action === 'report.exported');
    expect(exported).toEqual([expect.objectContaining({ unitCode: 'BT', details: expect.objectContaining({ from: 'chat' }) })]);
  });
});

describe('roll-up in a two-tier tree (Vĩnh Long 2025: province and communes)', () => {
  it('lists the communes directly under the province and exports them with one total row', async () => {
    const b = await bot(DEMO_NOW, false);
    const outcome = await importUnitTable(
      b.store,
      readCsvTable(readFileSync(projectPath('data', 'units', 'vinh-long-2025-units.csv'), 'utf8')),
    );
    expect(outcome.ok).toBe(true);
    await b.store.campaigns.saveCampaign(
      CampaignDefinitionSchema.parse({
        id: 'vl-2025',
        root: 'VL',
        starts_on: '2023-11-27',
        ends_on: '2023-12-31',
        compiled_by: 'VL',
      }),
      DEMO_NOW,
    );
    const all = await b.store.reports.filingsUnder('VL', 'weekly', WEEK);
    expect(all.length).toBe(124);
    expect(all.every((f) => f.unit.kind === 'commune')).toBe(true);
    await file(b, all[0]!.unit.code, figures(2));
    await file(b, all[5]!.unit.code, figures(7), DEMO_NOW);

    const compiler = await b.official('vl-compiler', 'VL', 'compiler');
    await compiler.command('tonghop');
    expect(compiler.lastText()).toContain('Đã báo cáo 2/124 đơn vị: đúng hạn 1, nộp muộn 1; chưa báo cáo 122');
    expect(compiler.lastText()).toContain('• Tỉnh Vĩnh Long (122):');
    expect(compiler.lastText()).toContain('Hồ sơ tiếp nhận 900');

    const dir = mkdtempSync(join(tmpdir(), 'reports-export-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'vl.xlsx');
    const lines: string[] = [];
    const code = await reportExportCommand.run(['--week', WEEK, '--out', out], {
      config: { DEFAULT_LOCALE: 'vi' } as never,
      store: b.store,
      io: { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      now: DEMO_NOW,
    });
    expect(code).toBe(0);
    const sheet = await readSheet(new Uint8Array(readFileSync(out)));
    await checkSheet(sheet, b, 'VL');
    expect(totalRowOf(sheet)).toBe(HEADER_ROW + 124 + 1);
    expect(CELL(sheet, COLUMNS.name, totalRowOf(sheet))).toBe('TỔNG CỘNG Tỉnh Vĩnh Long');
  });

  it('explains a bad export request instead of writing a file', async () => {
    const b = await bot();
    const lines: string[] = [];
    const run = (args: string[]) =>
      reportExportCommand.run(args, {
        config: { DEFAULT_LOCALE: 'vi' } as never,
        store: b.store,
        io: { out: (l) => lines.push(l), err: (l) => lines.push(l) },
        now: DEMO_NOW,
      });
    expect(await run(['--week', '08/13/2023', '--out', 'x.xlsx'])).toBe(1);
    expect(lines.join('\n')).toContain('expected --week as YYYY-MM-DD');
    lines.length = 0;
    expect(await run(['--week', '2022-01-07', '--out', 'x.xlsx'])).toBe(1);
    expect(lines.join('\n')).toContain('Không có chiến dịch nào');
  });
});

describe('/tonghop typed by a person', () => {
  it('finds the unit by its name without diacritics, and says so when no unit has that name', async () => {
    const b = await reportsBot(DEMO_NOW);
    const head = await b.official('head-bt', 'BT-BATRI', 'head');
    await head.command('tonghop', 'ba tri');
    expect(head.lastText()).toContain('Huyện Ba Tri');
    expect(head.lastText()).not.toContain('chưa được giao quyền');
    await head.command('tonghop', 'khong co xa nay');
    expect(head.lastText()).toContain('Không tìm thấy một đơn vị tên «khong co xa nay»');
    await b.close();
  });
});
