// 7. Masking: the personal-data masker on 100.000-character adversarial strings (a keyword,
// a huge run of spaces, digits or words, a tail that makes the match fail), against an
// ordinary Vietnamese text of the same length in the same run. Linear patterns keep the
// ratio a small constant; before the fix, "ma" + 100.000 spaces took about 13 s.
import { maskPersonalData } from '../src/bot/personalData.js';
import { timeRuns } from './support/stats.js';
import { emit, ms, type PartResult } from './support/result.js';

const SIZE = 100_000;
const fill = (text: string) => text.repeat(Math.ceil(SIZE / text.length)).slice(0, SIZE);

const ORDINARY = fill(
  'Cho tôi hỏi cách đăng ký tài khoản dịch vụ công trực tuyến cho mẹ tôi, năm nay 65 tuổi. ' +
    'Hồ sơ 12 trang nộp ở xã Tân Xuân từ ngày 08/12/2023, lệ phí 50.000 đồng, đến nay chưa có kết quả. ' +
    'Quên mật khẩu VNeID thì làm sao, mã OTP không về điện thoại? ',
);

/** The worst shapes found while fixing the quadratic patterns; each exactly SIZE characters. */
const ADVERSARIAL: Record<string, string> = {
  '"ma" + spaces + "x"': `ma${' '.repeat(SIZE - 3)}x`,
  '"mã otp của tôi là" + spaces': `mã otp của tôi là${' '.repeat(SIZE - 17)}`,
  '"otp " + "1 " × 50.000': `otp ${fill('1 ')}`.slice(0, SIZE),
  '"mật khẩu" + "ma " × 33.000': `mật khẩu${fill('ma ')}`.slice(0, SIZE),
  '"stk" + digits + "x"': `stk ${'1'.repeat(SIZE - 5)}x`,
  '"+84" + "9" × 100.000': `+84${'9'.repeat(SIZE - 3)}`,
};

const options = { runs: 30, warmup: 3, budgetMs: 8000 };
const ordinary = await timeRuns(() => maskPersonalData(ORDINARY), options);
const measured: { name: string; p50: number; p95: number }[] = [];
for (const [name, text] of Object.entries(ADVERSARIAL)) {
  const t = await timeRuns(() => maskPersonalData(text), options);
  measured.push({ name, p50: t.p50, p95: t.p95 });
}
const worst = measured.reduce((a, b) => (b.p50 > a.p50 ? b : a));

const result: PartResult = {
  part: '7',
  title: 'Masking personal data',
  rows: [
    {
      part: '7. masking',
      what: `worst adversarial 100.000 chars (p50): ${worst.name}`,
      value: ms(worst.p50),
      baseline: `${ms(ordinary.p50)} ordinary Vietnamese text, same length`,
      ratio: worst.p50 / ordinary.p50,
      goal: '≤ 10× (linear), not seconds',
      met: worst.p50 / ordinary.p50 <= 10,
    },
  ],
  details: [
    'Each string is 100.000 characters; the median (p50) of repeated runs in the same process.',
    '',
    '| input | p50 | p95 | ÷ ordinary |',
    '| --- | --- | --- | --- |',
    `| ordinary Vietnamese text (baseline) | ${ms(ordinary.p50)} | ${ms(ordinary.p95)} | 1× |`,
    ...measured.map((m) => `| ${m.name} | ${ms(m.p50)} | ${ms(m.p95)} | ${(m.p50 / ordinary.p50).toFixed(1)}× |`),
    '',
    'Before the fix, the OTP pattern was quadratic: "ma" + 60.000 spaces took 2,3 s and + 100.000 spaces 13 s on the',
    'development machine. The engine and the channels also cap every text a person sends at 2.000 characters before',
    'any parsing or masking, so these lengths only reach the masker in this benchmark and in the tests.',
  ],
};
emit(result);
