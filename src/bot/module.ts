// A domain module plugs commands and flow actions into the engine; the composition root
// (src/main.ts) lists the modules.
import type { CommandSpec, FlowAction } from './context.js';

export interface BotModule {
  name: string;
  commands?: CommandSpec[];
  actions?: Record<string, FlowAction>;
}
