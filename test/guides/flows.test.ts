// The guides' flow files pass the linter against the real texts, commands and actions:
// every step reachable, every path can end, every text in both languages, ids that fit.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime.js';
import { lintFlows } from '../../src/flows/linter.js';

describe('guide flows', () => {
  it('lint clean with the real runtime', async () => {
    const runtime = await createRuntime(loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }));
    try {
      const problems = lintFlows(runtime.flows, {
        hasText: (key, locale) => runtime.texts.has(key, locale),
        commands: runtime.engine.commandNames(),
        actions: new Set(runtime.modules.flatMap((m) => Object.keys(m.actions ?? {}))),
      });
      expect(problems).toEqual([]);
      expect(runtime.flows.map((f) => f.id)).toEqual(
        expect.arrayContaining(['menu', 'taikhoan', 'thanhtoan', 'nophoso', 'hotro', 'hoidap']),
      );
      // Each guide has its own command.
      for (const id of ['taikhoan', 'thanhtoan', 'nophoso', 'hotro', 'hoidap'])
        expect(runtime.flows.find((f) => f.id === id)?.command).toBe(id);
    } finally {
      await runtime.store.close();
    }
  });
});
