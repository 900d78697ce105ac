// 3. Compilation: /tonghop (who filed, totals, difficulties) and the .xlsx export for a
// province of 1.000 reporting units, 90% of them filed; time per unit, against reading
// the same filings from the store (filingsUnder, the rows both start from).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../src/bot/context.js';
import { CampaignDefinitionSchema } from '../src/campaign/definition/schema.js';
import { tonghop } from '../src/campaign/reports/tonghopCommand.js';
import { reportingPeriodOf } from '../src/campaign/reports/week.js';
import { reportWorkbook } from '../src/campaign/reports/workbook.js';
import type { UnitKind, UnitWrite } from '../src/campaign/units/types.js';
import { Texts } from '../src/i18n/index.js';
import { openStore } from '../src/store/index.js';
import { timeRuns } from './support/stats.js';
import { emit, ms, type PartResult } from './support/result.js';

const DEPARTMENTS = 30;
const DISTRICTS = 10;
const COMMUNES_PER_DISTRICT = 96;
const UNITS = DEPARTMENTS + DISTRICTS + DISTRICTS * COMMUNES_PER_DISTRICT;

const dir = mkdtempSync(join(tmpdir(), 'trolydvc-bench-reports-'));
const store = openStore(join(dir, 'reports.sqlite'));
const now = new Date('2025-12-26T15:00:00+07:00');
const unit = (code: string, name: string, kind: UnitKind, parentCode?: string): UnitWrite => ({
  unit: { code, name, kind, ...(parentCode ? { parentCode } : {}), successorCodes: [] },
  predecessorCodes: [],
});
const writes: UnitWrite[] = [unit('TB', 'Tỉnh Thử', 'province')];
for (let d = 1; d <= DEPARTMENTS; d++) writes.push(unit(`TB-SO${d}`, `Sở Thử ${d}`, 'department', 'TB'));
for (let h = 1; h <= DISTRICTS; h++) {
  writes.push(unit(`TB-H${h}`, `Huyện Thử ${h}`, 'district', 'TB'));
  for (let x = 1; x <= COMMUNES_PER_DISTRICT; x++) writes.push(unit(`TB-H${h}-X${x}`, `Xã Thử ${h}.${x}`, 'commune', `TB-H${h}`));
}
await store.units.saveUnits(writes);
const definition = CampaignDefinitionSchema.parse({
  id: 'bench-reports',
  root: 'TB',
  starts_on: '2025-11-03',
  ends_on: '2026-01-31',
  compiled_by: 'TB-SO1',
});
await store.campaigns.saveCampaign(definition, now);
const period = reportingPeriodOf(definition, now)!;
const filer = (await store.persons.findOrCreate({ channel: 'telegram', externalId: 'filer' }, 'vi')).person.id;
const reporting = writes.slice(1);
for (const [i, { unit: u }] of reporting.entries()) {
  if (i % 10 === 9) continue;
  const n = 20 + (i % 50);
  await store.reports.submitReport({
    unitCode: u.code,
    period,
    figures: {
      receivedTotal: n * 10,
      receivedOnline: n * 4,
      digitized: n * 9,
      feeDossiers: n * 5,
      paidOnline: n,
      accountsHelped: n % 7,
      paymentsHelped: n % 5,
      difficulties: i % 4 === 0 ? 'Người dân lớn tuổi chưa có điện thoại thông minh' : '',
      proposals: i % 8 === 0 ? 'Đề nghị hỗ trợ thêm thiết bị' : '',
    },
    personId: filer,
    at: new Date(period.deadline.getTime() - (i % 3 === 0 ? -3600_000 : 3600_000)),
  });
}
const compiler = (await store.persons.findOrCreate({ channel: 'telegram', externalId: 'compiler' }, 'vi')).person;
await store.roles.grantRole(compiler.id, 'TB-SO1', 'compiler', now);

const texts = Texts.load('vi');
const handler = tonghop({ store, texts });
const ctx = (args: string): CommandContext => ({
  person: compiler,
  channel: 'telegram',
  capabilities: { buttons: true, images: true, documents: true, maxTextLength: 4096 },
  tr: texts.for('vi'),
  now,
  args,
});

const read = await timeRuns(() => store.reports.filingsUnder('TB', period.kind, period.deadlineDay), {
  runs: 30,
  budgetMs: 5000,
});
const overview = await timeRuns(() => handler(ctx('')), { runs: 20, budgetMs: 8000 });
const workbook = await timeRuns(() => reportWorkbook(store, texts.for('vi'), 'TB', period, now), {
  runs: 6,
  warmup: 1,
  budgetMs: 20_000,
});
const exported = await timeRuns(() => handler(ctx('xuat TB')), { runs: 4, warmup: 1, budgetMs: 15_000 });
const bytes = (await reportWorkbook(store, texts.for('vi'), 'TB', period, now)).length;
const filed = (await store.reports.filingsUnder('TB', period.kind, period.deadlineDay)).filter((f) => f.report).length;
await store.close();
rmSync(dir, { recursive: true, force: true });

const perUnit = (v: number) => `${((v / UNITS) * 1000).toFixed(0)} µs/unit`;
const result: PartResult = {
  part: '3',
  title: 'Compilation (/tonghop and the .xlsx export)',
  rows: [
    {
      part: '3. compilation',
      what: `/tonghop, ${UNITS.toLocaleString('en-US')} units (p50)`,
      value: `${ms(overview.p50)} (${perUnit(overview.p50)})`,
      baseline: `${ms(read.p50)} reading the filings`,
      ratio: overview.p50 / read.p50,
    },
    {
      part: '3. compilation',
      what: `.xlsx export, ${UNITS.toLocaleString('en-US')} units (p50)`,
      value: `${ms(workbook.p50)} (${perUnit(workbook.p50)})`,
      baseline: `${ms(read.p50)} reading the filings`,
      ratio: workbook.p50 / read.p50,
    },
  ],
  details: [
    `A province with ${DEPARTMENTS} departments, ${DISTRICTS} districts and ${DISTRICTS * COMMUNES_PER_DISTRICT} communes ` +
      `(${UNITS} reporting units), ${filed} of them filed for the week of ${period.deadlineDay}, a third of those late, a quarter with difficulties.`,
    '',
    '| step | p50 | p95 | per unit (p50) |',
    '| --- | --- | --- | --- |',
    `| filingsUnder() (baseline) | ${ms(read.p50)} | ${ms(read.p95)} | ${perUnit(read.p50)} |`,
    `| /tonghop overview reply | ${ms(overview.p50)} | ${ms(overview.p95)} | ${perUnit(overview.p50)} |`,
    `| reportWorkbook() (.xlsx, ${(bytes / 1024).toFixed(0)} KB) | ${ms(workbook.p50)} | ${ms(workbook.p95)} | ${perUnit(workbook.p50)} |`,
    `| /tonghop xuat (workbook + audit + reply) | ${ms(exported.p50)} | ${ms(exported.p95)} | ${perUnit(exported.p50)} |`,
  ],
};
emit(result);
