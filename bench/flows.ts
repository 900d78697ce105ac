// 6. Flows: loading and linting every flow (what each start and `npm run flows:check` do),
// against reading and YAML-parsing the same files; and intent matching on free text,
// against the normalisation every message goes through anyway.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { IntentMatcher, anchorsOf } from '../src/bot/intent.js';
import { normalizeForMatching } from '../src/bot/normalize.js';
import { loadConfig } from '../src/config.js';
import { lintFlows } from '../src/flows/linter.js';
import { loadFlows } from '../src/flows/loader.js';
import { projectPath } from '../src/paths.js';
import { benchRuntime } from './support/runtime.js';
import { timeRuns, throughput } from './support/stats.js';
import { emit, ms, perSecond, type PartResult } from './support/result.js';

const { runtime, lintProblems } = await benchRuntime(loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }));
const lintContext = {
  hasText: (key: string, locale: 'vi' | 'en') => runtime.texts.has(key, locale),
  commands: runtime.engine.commandNames(),
  actions: new Set(runtime.modules.flatMap((m) => Object.keys(m.actions ?? {}))),
};
const dir = projectPath('flows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

const parseOnly = await timeRuns(() => files.map((f) => parse(readFileSync(join(dir, f), 'utf8')) as unknown), {
  runs: 40,
  budgetMs: 5000,
});
const loadAndLint = await timeRuns(() => lintFlows(loadFlows(), lintContext), { runs: 40, budgetMs: 5000 });
const flows = loadFlows();
const lintOnly = await timeRuns(() => lintFlows(flows, lintContext), { runs: 40, budgetMs: 5000 });

// What people type instead of tapping: with and without diacritics, abbreviations, noise.
const TEXTS = [
  'tôi muốn tạo tài khoản dịch vụ công',
  'k nhan dc otp',
  'làm sao nộp hồ sơ trực tuyến cho con đi học',
  'thanh toán lệ phí online bằng thẻ ngân hàng được không',
  'quen mat khau vneid',
  'cho hỏi bộ phận một cửa ở xã mở cửa mấy giờ',
  'hôm nay trời đẹp quá',
  'đăng ký khai sinh trực tuyến thế nào ạ',
];
const matcher = new IntentMatcher(flows);
const matchRate = throughput((i) => matcher.match(TEXTS[i % TEXTS.length]!), 1500);
const normaliseRate = throughput((i) => normalizeForMatching(TEXTS[i % TEXTS.length]!), 1500);
await runtime.store.close();

const result: PartResult = {
  part: '6',
  title: 'Flows and intent matching',
  rows: [
    {
      part: '6. flows',
      what: `load + lint ${files.length} flows (p50)`,
      value: ms(loadAndLint.p50),
      baseline: `${ms(parseOnly.p50)} read + YAML parse`,
      ratio: loadAndLint.p50 / parseOnly.p50,
    },
    {
      part: '6. flows',
      what: 'intent matching, free text',
      value: perSecond(matchRate),
      baseline: `${perSecond(normaliseRate)} normalising alone`,
      ratio: matchRate / normaliseRate,
    },
  ],
  details: [
    `${files.length} flow files, ${flows.reduce((n, f) => n + Object.keys(f.steps).length, 0)} steps, ` +
      `${anchorsOf(flows).length} answers, ${anchorsOf(flows).reduce((n, a) => n + a.phrases.length, 0)} phrases.`,
    '',
    '| step | p50 | p95 |',
    '| --- | --- | --- |',
    `| read + YAML parse (baseline) | ${ms(parseOnly.p50)} | ${ms(parseOnly.p95)} |`,
    `| loadFlows() + lintFlows() | ${ms(loadAndLint.p50)} | ${ms(loadAndLint.p95)} |`,
    `| lintFlows() alone | ${ms(lintOnly.p50)} | ${ms(lintOnly.p95)} |`,
    '',
    `Intent matching: ${perSecond(matchRate)} messages (${TEXTS.length} phrasings, one per call); ` +
      `normalizeForMatching() alone: ${perSecond(normaliseRate)}.`,
    ...(lintProblems.length
      ? [
          '',
          `The linter reported ${lintProblems.length} problem(s) in the flows during this run (work in progress): ${lintProblems.join('; ')}.`,
        ]
      : []),
  ],
};
emit(result);
