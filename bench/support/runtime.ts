// The bot's runtime for a benchmark: createRuntime() as the server builds it. While the
// flows fail their lint (work in progress elsewhere in the tree) the same pieces are
// assembled without that gate, so the timings still come from the real engine; the
// problems are returned so the report can say so.
import type { Config } from '../../src/config.js';
import { Engine, type EngineLogger } from '../../src/bot/engine.js';
import { loadFlows } from '../../src/flows/loader.js';
import { Texts } from '../../src/i18n/index.js';
import { createModules } from '../../src/modules.js';
import { createRuntime, FlowLintError, type Runtime } from '../../src/runtime.js';
import { openConfiguredStore } from '../../src/store/index.js';

export async function benchRuntime(
  config: Config,
  options: { logger?: EngineLogger } = {},
): Promise<{ runtime: Runtime; lintProblems: string[] }> {
  try {
    return { runtime: await createRuntime(config, options), lintProblems: [] };
  } catch (err) {
    if (!(err instanceof FlowLintError)) throw err;
    const now = () => new Date();
    const store = await openConfiguredStore(config);
    const texts = Texts.load(config.DEFAULT_LOCALE);
    const flows = loadFlows();
    const { modules, settings } = createModules(config, store, now);
    const engine = new Engine({
      store,
      texts,
      flows,
      modules,
      settings,
      defaultLocale: config.DEFAULT_LOCALE,
      now,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return { runtime: { config, store, texts, flows, modules, engine, now }, lintProblems: err.problems };
  }
}
