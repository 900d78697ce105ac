// Every pattern that reads what a person typed runs in linear time. Each property feeds a
// 100.000-character adversarial string (a keyword, a huge run of spaces, digits or dots,
// then a tail that makes the match fail) and checks the answer is right; a quadratic
// pattern would not finish these runs (before the fix, 60.000 spaces took seconds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, maskPersonalData } from '../../src/bot/personalData.js';
import { typedEvent } from '../../src/bot/typedLine.js';
import { splitText } from '../../src/bot/splitText.js';
import { parseReportCount } from '../../src/campaign/reports/validation.js';
import { splitHouseholdEntry } from '../../src/community/householdCommand.js';
import { Engine } from '../../src/bot/engine.js';
import { Texts } from '../../src/i18n/index.js';
import { openTestStore } from '../support/testStore.js';
import { CAPS, FIXTURE_FLOWS, FIXTURE_RESOURCES, findModule, texts } from '../support/fixtureEngine.js';

const SIZE = 100_000;
const RUNS = { numRuns: 40 };
/** `unit` repeated to about SIZE characters (a little more or less, so runs differ). */
const run = (unit: string, jitter: number) => unit.repeat(Math.ceil((SIZE + jitter) / unit.length));
const jitter = fc.integer({ min: -50, max: 50 });

/** Words that start a masking pattern, in every family: OTP, password, ID, phone, bank, code-first. */
const HEADS = [
  'ma',
  'mã',
  'MÃ',
  'otp',
  'mã otp của tôi là',
  'ma otp cua toi la',
  'mã xác thực',
  'code',
  'the verification code is',
  'mật khẩu',
  'mat khau',
  'mk',
  'pass',
  'pw',
  'mật khẩu mới',
  'cccd',
  'số định danh',
  'cmnd',
  'stk',
  'số tài khoản',
  'tk vcb',
  'bank account number',
  '+84',
  '0',
  '135790',
  '135790 là',
  '',
];
/** Runs with no digit and no ":" or "=": nothing here can ever be a secret. */
const BLANK_UNITS = [' ', '  ', '\t', '\n', '.', ' .', '_', '-', 'la ', 'là ', 'ma ', 'mã ', 'otp ', 'của tôi ', 'gồm ', 'mk '];
const TAILS = ['x', '?', '!', '', 'là', 'otp'];

describe('the masker on 100.000-character adversarial strings', () => {
  it('leaves a keyword followed by a huge run of spaces, dots or words, then a failing tail, as it was', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HEADS),
        fc.constantFrom(...BLANK_UNITS),
        fc.constantFrom(...TAILS),
        jitter,
        (head, unit, tail, j) => {
          const input = `${head}${run(unit, j)}${tail}`;
          expect(maskPersonalData(input)).toEqual({ text: input, found: [] });
        },
      ),
      RUNS,
    );
  });

  it('leaves a keyword followed by a 100.000-digit number as it was: too long to be any secret', () => {
    const heads = HEADS.filter((h) => !/^(mật khẩu|mat khau|mk|pass|pw)/.test(h)).flatMap((h) => [h, `${h} `, `${h}: `]);
    fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.constantFrom('1', '0', '9', '5'),
        fc.constantFrom('x', '', '!'),
        jitter,
        (head, digit, tail, j) => {
          const input = `${head}${run(digit, j)}${tail}`;
          expect(maskPersonalData(input)).toEqual({ text: input, found: [] });
        },
      ),
      RUNS,
    );
  });

  it('masks the whole word after a password keyword, however long', () => {
    // After "là" or ":" any word is the secret; after the bare keyword, only one with a digit or a sign.
    const afterIs = fc.tuple(
      fc.constantFrom('pw:', 'mật khẩu:', 'mk=', 'password:', 'mat khau cua toi:', 'mật khẩu là '),
      fc.constantFrom('1', '.', '_', '*', 'a1', '@', 'a'),
    );
    const bare = fc.tuple(fc.constantFrom('mk ', 'pass ', 'mật khẩu '), fc.constantFrom('1', '*', 'a1', '@'));
    fc.assert(
      fc.property(fc.oneof(afterIs, bare), fc.constantFrom('x', '!', ''), jitter, ([head, unit], tail, j) => {
        expect(maskPersonalData(`${head}${run(unit, j)}${tail}`)).toEqual({ text: `${head}${MASK}`, found: ['password'] });
      }),
      RUNS,
    );
  });

  it('masks every 12 digits of a huge run of grouped digits, and nothing more', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1 ', '1.', '1-', '1_', '12 ', '123.', '4 '),
        fc.constantFrom('số ', 'x ', ''),
        jitter,
        (unit, head, j) => {
          const input = `${head}${run(unit, j)}`;
          const digits = input.replace(/\D/g, '').length;
          const masked = maskPersonalData(input);
          expect(masked.text.split(MASK).length - 1).toBe(Math.floor(digits / 12));
          expect(masked.text.replace(/\D/g, '').length).toBe(digits % 12);
          expect(masked.found).toEqual(['id_number']);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('command lines on 100.000-character adversarial strings', () => {
  it('reads the command name and the arguments after any run of spaces', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('/tiendo', '/start', '/echo@trolydvc_bot', '/x'),
        fc.constantFrom(' ', '\t', ' \n'),
        fc.constantFrom('ma', 'x', ''),
        jitter,
        (command, unit, tail, j) => {
          const event = typedEvent(`${command}${run(unit, j)}${tail}`, Infinity);
          const name = command.slice(1).split('@')[0]!;
          if (name === 'start') expect(event).toEqual(tail ? { kind: 'start', payload: tail } : { kind: 'start' });
          else expect(event).toEqual({ kind: 'command', name, args: tail });
        },
      ),
      RUNS,
    );
  });

  it('takes a slash followed by a huge run that is not a name for text', () => {
    for (const unit of ['/', '@', '-', 'é'])
      expect(typedEvent(`/${run(unit, 0)}`, Infinity)).toEqual({ kind: 'text', text: `/${run(unit, 0)}` });
  });

  it('masks a tapped or linked command line whose arguments are adversarial, when the cap is lifted', async () => {
    const store = await openTestStore();
    const engine = new Engine({
      store,
      texts: Texts.load('vi', FIXTURE_RESOURCES),
      flows: FIXTURE_FLOWS,
      modules: [findModule],
      maxTextLength: Infinity,
    });
    const turn = (event: Parameters<Engine['handle']>[0]['event']) =>
      engine.handle({ channel: 'terminal', externalId: 'u', event }, CAPS);
    const spaces = ' '.repeat(SIZE);
    expect(texts(await turn({ kind: 'choice', id: `/echo ma${spaces}x` }))).toEqual([`echo ma${spaces}x`]);
    expect(texts(await turn({ kind: 'start', payload: `echo-otp${spaces}là x` }))).toEqual([`echo otp${spaces}là x`]);
    const typed = await turn({ kind: 'command', name: 'echo', args: `otp của tôi là${' '.repeat(6)}112233` });
    expect(texts(typed).at(-1)).toBe(`echo otp của tôi là${' '.repeat(6)}${MASK}`);
  });
});

describe('numbers people type into reports and household counts, 100.000 characters long', () => {
  it.each([
    ['a digit, spaces, a letter', `1${' '.repeat(SIZE)}x`, { ok: false, problem: 'notNumber' }],
    ['digit-space pairs', `${'1 '.repeat(SIZE / 2)}x`, { ok: false, problem: 'notNumber' }],
    ['digit-dot pairs', '1.'.repeat(SIZE / 2), { ok: false, problem: 'notNumber' }],
    ['digits then a comma', `${'1'.repeat(SIZE)},`, { ok: false, problem: 'notWhole' }],
    ['a minus, spaces, a digit', `-${' '.repeat(SIZE)}1`, { ok: false, problem: 'negative' }],
    ['a huge number', '1'.repeat(SIZE), { ok: false, problem: 'tooLarge' }],
    ['huge, in thousands', `1${' 000'.repeat(SIZE / 4)}`, { ok: false, problem: 'tooLarge' }],
    ['zeros then a 5', `${'0'.repeat(SIZE)}5`, { ok: true, value: 5 }],
  ])('a report count: %s', (_name, typed, expected) => {
    expect(parseReportCount(typed)).toEqual(expected);
  });

  it.each([
    ['a name, spaces, one number', `Ấp${' '.repeat(SIZE)}1 x`, undefined],
    ['a name, spaces, two numbers', `Ấp 3${' '.repeat(SIZE)}120 95`, { area: 'Ấp 3', visited: '120', withAccount: '95' }],
    ['digits only', '1'.repeat(SIZE), undefined],
    [
      'digit-space pairs',
      `a ${'1 '.repeat(SIZE / 2)}`.trim(),
      { area: `a ${'1 '.repeat(SIZE / 2 - 2)}`.trim(), visited: '1', withAccount: '1' },
    ],
    ['dots', `Ấp ${'.'.repeat(SIZE)} 9`, undefined],
  ])('a household entry: %s', (_name, typed, expected) => {
    expect(splitHouseholdEntry(typed)).toEqual(expected);
  });
});

describe('a relayed text cut into messages, 100.000 characters long', () => {
  it('trims line breaks around each part without rescanning a long run of them', () => {
    const breaks = '\n'.repeat(SIZE);
    expect(splitText(`a${breaks}b`, 2 * SIZE)).toEqual([`a${breaks}b`]);
    expect(splitText(`${breaks}a${breaks}`, 2 * SIZE)).toEqual(['a']);
    expect(splitText(`a${breaks}b`, 4096)).toEqual(['a', 'b']);
  });
});
