// An engine that answers each event as the test says, and remembers what it was given:
// for the channel adapters' tests, which are about the platform, not the conversation.
import type { BotEngine } from '../../src/bot/port.js';
import type { ChannelCapabilities, Inbound, Reply } from '../../src/bot/types.js';

export interface ScriptedEngine extends BotEngine {
  seen: { inbound: Inbound; capabilities: ChannelCapabilities }[];
}

export function scriptedEngine(answer: (inbound: Inbound) => Reply[] | Promise<Reply[]>, apology: Reply): ScriptedEngine {
  const seen: ScriptedEngine['seen'] = [];
  return {
    seen,
    async handle(inbound, capabilities) {
      seen.push({ inbound, capabilities });
      return answer(inbound);
    },
    apology: async () => apology,
    drain: async () => {},
  };
}
