// Starts the fake Bot API in its own process (botApiProcess.ts) and talks to it: where it
// listens, when the fan-out reached a mark, and in the end every message it accepted or
// refused.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { AcceptedMessage, Refusal } from '../../jobs/limitedBotApi.js';

export interface BotApiProcessOptions {
  token: string;
  seed: number;
  /** Chats (ids from..to) held to the limit across chats: the fan-out's. */
  globalChats: { from: number; to: number };
  /** Say so when this many messages to those chats were accepted. */
  notifyAfter: number;
}

export type ToBotApi = 'records' | 'close';
export type FromBotApi =
  | { kind: 'ready'; apiRoot: string }
  | { kind: 'reached'; via: string }
  | { kind: 'records'; accepted: AcceptedMessage[]; refusals: Refusal[]; lateMs: LateMs };

/** How late the fake Bot API's own event loop ran (so how late its arrival stamps could be). */
export interface LateMs {
  p99: number;
  max: number;
}

export interface RemoteBotApi {
  apiRoot: string;
  /** Resolves with the path of the replica whose message reached `notifyAfter`. */
  reached: Promise<string>;
  records(): Promise<{ accepted: AcceptedMessage[]; refusals: Refusal[]; lateMs: LateMs }>;
  close(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');

export async function startRemoteBotApi(options: BotApiProcessOptions): Promise<RemoteBotApi> {
  const child = fork(join(import.meta.dirname, 'botApiProcess.ts'), [JSON.stringify(options)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <K extends FromBotApi['kind']>(kind: K) =>
    new Promise<Extract<FromBotApi, { kind: K }>>((resolve, reject) => {
      const onMessage = (message: FromBotApi) => {
        if (message.kind !== kind) return;
        child.off('message', onMessage);
        resolve(message as Extract<FromBotApi, { kind: K }>);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`the fake Bot API exited before "${kind}"`)));
    });
  const reached = next('reached').then((m) => m.via);
  reached.catch(() => undefined);
  const { apiRoot } = await next('ready');
  return {
    apiRoot,
    reached,
    records: async () => {
      const records = next('records');
      child.send('records' satisfies ToBotApi);
      const { accepted, refusals, lateMs } = await records;
      return { accepted, refusals, lateMs };
    },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.send('close' satisfies ToBotApi);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
