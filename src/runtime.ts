// Builds the parts every entry point shares (server, terminal chat, flow check, tests):
// store → texts → flows → modules → engine.
import type { Config } from './config.js';
import { Engine, type EngineLogger } from './bot/engine.js';
import { FlowFileError, loadFlows } from './flows/loader.js';
import { lintFlows } from './flows/linter.js';
import type { Flow } from './flows/schema.js';
import { Texts } from './i18n/index.js';
import { type Store, openConfiguredStore } from './store/index.js';
import { createModules } from './modules.js';
import type { BotModule } from './bot/module.js';
import type { FloodLimits } from './bot/floodGuard.js';

export interface Runtime {
  config: Config;
  store: Store;
  texts: Texts;
  flows: Flow[];
  modules: BotModule[];
  engine: Engine;
  now: () => Date;
}

export interface RuntimeOptions {
  logger?: EngineLogger;
  now?: () => Date;
  floodLimits?: FloodLimits;
  /** An open store to run on (tests: a PostgreSQL schema of their own); else the configured one. */
  store?: Store;
  /** Replace the module list (tests). */
  modules?: (config: Config, store: Store, now: () => Date) => { modules: BotModule[]; settings: Record<string, string> };
}

export class FlowLintError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'FlowLintError';
  }
}

/** The one message to print when the flows cannot start; undefined for other errors. */
export function describeFlowProblems(err: unknown): string | undefined {
  if (!(err instanceof FlowFileError || err instanceof FlowLintError)) return undefined;
  return `The flows in flows/ have problems; fix them and start again:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const now = options.now ?? (() => new Date());
  const store = options.store ?? (await openConfiguredStore(config));
  try {
    const texts = Texts.load(config.DEFAULT_LOCALE);
    const flows = loadFlows();
    const { modules, settings } = (options.modules ?? createModules)(config, store, now);
    const engine = new Engine({
      store,
      texts,
      flows,
      modules,
      settings,
      defaultLocale: config.DEFAULT_LOCALE,
      now,
      ...(options.floodLimits ? { floodLimits: options.floodLimits } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    const problems = lintFlows(flows, {
      hasText: (key, locale) => texts.has(key, locale),
      commands: engine.commandNames(),
      actions: new Set(modules.flatMap((m) => Object.keys(m.actions ?? {}))),
    });
    if (problems.length) throw new FlowLintError(problems);
    return { config, store, texts, flows, modules, engine, now };
  } catch (err) {
    await store.close();
    throw err;
  }
}
