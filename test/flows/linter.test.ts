import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowFileError, loadFlows, parseFlow } from '../../src/flows/loader.js';
import { lintFlows, type LintContext } from '../../src/flows/linter.js';
import { flow } from '../support/fixtureEngine.js';

const known = new Set(['t:a', 't:b', 't:c', 't:title']);
const ctx = (overrides: Partial<LintContext> = {}): LintContext => ({
  hasText: (key) => known.has(key),
  commands: new Set(['tiendo']),
  actions: new Set(['find']),
  ...overrides,
});

const sound = `
id: demo
title: t:title
start: a
steps:
  a:
    say: t:a
    choices:
      - { id: go, label: t:b, next: b }
      - { id: stats, label: t:c, command: tiendo }
  b:
    say: t:b
    end: true
`;

describe('flow linter', () => {
  it('passes a sound flow', () => {
    expect(lintFlows([flow(sound)], ctx())).toEqual([]);
  });

  it('names a next step that does not exist', () => {
    const broken = flow(sound.replace('next: b', 'next: bb'));
    expect(lintFlows([broken], ctx())).toContain('demo.a: next step "bb" does not exist');
  });

  it('names a step no path leads to', () => {
    const extra = flow(`${sound}  orphan:\n    say: t:c\n    end: true\n`);
    expect(lintFlows([extra], ctx())).toContain('demo.orphan: no path leads to this step');
  });

  it('names a text missing in a locale', () => {
    const problems = lintFlows(
      [flow(sound)],
      ctx({ hasText: (key, locale) => known.has(key) && !(key === 't:b' && locale === 'en') }),
    );
    expect(problems).toContain('demo.b: text "t:b" is missing in locales/en');
  });

  it('names a loop that never ends', () => {
    const loop = flow(`
id: loop
title: t:title
start: a
steps:
  a:
    say: t:a
    choices: [{ id: x, label: t:b, next: b }]
  b:
    say: t:b
    choices: [{ id: y, label: t:a, next: a }]
`);
    expect(lintFlows([loop], ctx())).toContain('loop.a: no path from here ever ends the flow');
  });

  it('names an answer free text cannot reach: a phrase another answer outscores or ties', () => {
    const twoAnswers = flow(
      sound
        .replace('start: a', 'keywords: { vi: [mat khau], en: [password] }\nstart: a')
        .replace(
          '  b:\n    say: t:b\n',
          '  b:\n    say: t:b\n    ask: { vi: [quen mat khau, mat khau], en: [forgot password] }\n',
        ),
    );
    const problems = lintFlows([twoAnswers], ctx());
    // "mat khau" typed alone matches both anchors equally: neither can be sure to get it.
    expect(problems).toContain('demo#a: typing "mat khau" leads to demo#a or demo#b instead');
    expect(problems).toContain('demo#b: typing "mat khau" leads to demo#a or demo#b instead');
    expect(problems.some((p) => p.includes('"quen mat khau"'))).toBe(false);
  });

  it('asks for every question in both languages', () => {
    const viOnly = flow(sound.replace('  b:\n    say: t:b\n', '  b:\n    say: t:b\n    ask: { vi: [quen mat khau] }\n'));
    expect(lintFlows([viOnly], ctx())).toEqual(['demo.b: a question is asked in both languages: add en phrases']);
  });

  it('counts a step that answers a question as reachable', () => {
    const onlyByQuestion = flow(
      sound
        .replace('      - { id: go, label: t:b, next: b }\n', '')
        .replace('  b:\n    say: t:b\n', '  b:\n    say: t:b\n    ask: { vi: [quen mat khau], en: [forgot password] }\n'),
    );
    expect(lintFlows([onlyByQuestion], ctx())).toEqual([]);
  });

  it('names unknown commands, actions and flows', () => {
    const bad = flow(
      sound
        .replace('command: tiendo', 'command: tiendoo')
        .replace('  b:\n    say: t:b\n    end: true', '  b:\n    say: t:b\n    action: nope\n    outcomes: { ok: a }'),
    );
    const problems = lintFlows([bad], ctx());
    expect(problems).toContain('demo.a: command "/tiendoo" does not exist');
    expect(problems).toContain('demo.b: action "nope" is not registered');
  });

  it('reports a YAML typo and an unknown field with the file and the place', () => {
    expect(parseFlow('x.yaml', 'id: x\n  title: : :').problems[0]).toMatch(/^x\.yaml: not valid YAML/);
    const typo = parseFlow('demo.yaml', sound.replace('say: t:a', 'sya: t:a')).problems;
    expect(typo.some((p) => p.startsWith('demo.yaml: steps.a') && /sya/.test(p))).toBe(true);
    const twoWays = parseFlow('demo.yaml', sound.replace('end: true', 'end: true\n    next: a')).problems;
    expect(twoWays.join()).toMatch(/exactly one of choices, input, action, next or end/);
  });

  it('loads a folder and lists every bad file at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    try {
      writeFileSync(join(dir, 'demo.yaml'), sound);
      writeFileSync(join(dir, 'other.yaml'), sound.replace('id: demo', 'id: wrong'));
      writeFileSync(join(dir, 'broken.yaml'), 'id: [');
      let error: unknown;
      try {
        loadFlows(dir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(FlowFileError);
      const problems = (error as FlowFileError).problems;
      expect(problems.some((p) => p.startsWith('broken.yaml'))).toBe(true);
      expect(problems).toContain('other.yaml: id "wrong" must match the file name');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
