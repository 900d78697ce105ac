// A scripted engine and a logger that remembers, for the adapter tests.
import { scriptedEngine as scriptedEngineWith, type ScriptedEngine } from '../../support/scriptedEngine.js';
export type { ScriptedEngine };
import type { Inbound, Reply } from '../../../src/bot/types.js';

export const APOLOGY: Reply = { text: 'Xin lỗi, có trục trặc.' };

/** The shared scripted engine, echoing by default, with this suite's apology. */
export function scriptedEngine(answer: (inbound: Inbound) => Reply[] | Promise<Reply[]> = echo): ScriptedEngine {
  return scriptedEngineWith(answer, APOLOGY);
}

function echo(inbound: Inbound): Reply[] {
  const e = inbound.event;
  return [{ text: e.kind === 'text' ? `nhận: ${e.text}` : e.kind === 'choice' ? `chọn: ${e.id}` : `sự kiện: ${e.kind}` }];
}

export function memoryLogger() {
  const lines: { level: string; obj: unknown; msg?: string }[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) =>
    void lines.push({ level, obj, ...(msg !== undefined ? { msg } : {}) });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') }, text: () => JSON.stringify(lines) };
}
