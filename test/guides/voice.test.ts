// One respectful voice (docs/style.md): citizens are "ông/bà", officials "anh/chị", the
// bot is always "Trợ lý", and it never points to a number or an address it does not have.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/flows/loader.js';
import { keysOf, readLocaleResources, Texts } from '../../src/i18n/index.js';
import { projectPath } from '../../src/paths.js';

const resources = readLocaleResources();
const texts = Texts.load('vi', resources);
const vi = texts.for('vi');

/** Every Vietnamese string, with its key. */
const allVi = [...keysOf(resources, 'vi')].map((key) => [key, vi.t(key)] as const);
const word = (w: string) => new RegExp(`(^|[^\\p{L}])${w}(?=[^\\p{L}]|$)`, 'iu');

describe('the voice of every Vietnamese text', () => {
  it('never calls anyone "bạn", nor ends with the casual "nhé"', () => {
    expect(allVi.filter(([, t]) => word('bạn').test(t) || word('nhé').test(t)).map(([k]) => k)).toEqual([]);
  });

  it('lets the bot speak as "Trợ lý", never as "tôi" (that word belongs to the citizen\'s buttons)', () => {
    const said = new Set(loadFlows().flatMap((f) => Object.values(f.steps).map((s) => s.say)));
    expect([...said].filter((key) => word('tôi').test(vi.t(key)))).toEqual([]);
  });

  it('never tells people to call a number it does not show, nor that data is missing', () => {
    const offenders = allVi.filter(([, t]) => /gọi số điện thoại của|chưa có trong dữ liệu/i.test(t)).map(([k]) => k);
    expect(offenders).toEqual([]);
  });

  it('has the same keys in English, so no reader falls back to the other language', () => {
    expect([...keysOf(resources, 'en')].sort()).toEqual([...keysOf(resources, 'vi')].sort());
  });
});

describe('the style guide', () => {
  it('exists and names the forms of address the texts use', () => {
    const style = readFileSync(projectPath('docs', 'style.md'), 'utf8');
    for (const form of ['Trợ lý', 'ông/bà', 'anh/chị']) expect(style).toContain(form);
    expect(readdirSync(projectPath('locales'))).toEqual(['en', 'vi']);
  });
});
