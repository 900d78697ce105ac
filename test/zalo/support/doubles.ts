// A scripted engine and a logger that remembers, for the adapter tests.
import type { BotEngine } from '../../../src/bot/port.js';
import type { ChannelCapabilities, Inbound, Reply } from '../../../src/bot/types.js';

export interface ScriptedEngine extends BotEngine {
  seen: { inbound: Inbound; capabilities: ChannelCapabilities }[];
}

export const APOLOGY: Reply = { text: 'Xin lỗi, có trục trặc.' };

export function scriptedEngine(answer: (inbound: Inbound) => Reply[] | Promise<Reply[]> = echo): ScriptedEngine {
  const seen: ScriptedEngine['seen'] = [];
  return {
    seen,
    async handle(inbound, capabilities) {
      seen.push({ inbound, capabilities });
      return answer(inbound);
    },
    apology: () => APOLOGY,
    drain: async () => {},
  };
}

function echo(inbound: Inbound): Reply[] {
  const e = inbound.event;
  return [{ text: e.kind === 'text' ? `nhận: ${e.text}` : e.kind === 'choice' ? `chọn: ${e.id}` : `sự kiện: ${e.kind}` }];
}

export function memoryLogger() {
  const lines: { level: string; obj: unknown; msg?: string }[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, obj, ...(msg !== undefined ? { msg } : {}) });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') }, text: () => JSON.stringify(lines) };
}
