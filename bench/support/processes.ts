// Child processes for the benchmarks: each measurement runs in a fresh Node process (clean
// heap, its own event loop), and servers under load run apart from the load generator so
// the two do not share one event loop. Every child is bounded in time and killed by its id.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(BENCH_DIR, '..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Sends a message and waits for the child's answer of the same `type`. */
  ask<T>(type: string, payload?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

interface Message {
  type: string;
  [key: string]: unknown;
}

/** Children started and not yet exited (with their exit), so a benchmark stopped part-way can stop them. */
const running = new Map<ChildProcess, Promise<void>>();

/** SIGTERM, then SIGKILL if the child has not exited within 5 s. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
}

/** Stops every server process still running (a benchmark that was itself told to stop). */
export async function stopServerProcesses(): Promise<void> {
  await Promise.all([...running].map(([child, exited]) => stopChild(child, exited)));
}

/** Forks a TypeScript entry point with tsx and waits for it to say `{ type: 'ready', port }`. */
export async function startServerProcess(
  file: string,
  args: string[] = [],
  options: { env?: Record<string, string>; execArgv?: string[]; readyWithinMs?: number } = {},
): Promise<ServerProcess> {
  const child = fork(join(BENCH_DIR, file), args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  running.set(child, exited);
  void exited.then(() => running.delete(child));
  const ready = await new Promise<Message>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${file} did not start within ${options.readyWithinMs ?? 30_000} ms`)),
      options.readyWithinMs ?? 30_000,
    );
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
    child.on('message', (m: Message) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m);
      }
    });
  }).catch(async (err: unknown) => {
    if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
    throw err;
  });
  return {
    child,
    port: Number(ready.port),
    ask<T>(type: string, payload: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${file}: no answer to ${type} within ${timeoutMs} ms`)), timeoutMs);
        const onMessage = (m: Message) => {
          if (m.type !== type) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m as T);
        };
        child.on('message', onMessage);
        child.send({ ...payload, type });
      });
    },
    stop: () => stopChild(child, exited),
  };
}

/** In a forked child: answer the parent's messages of one type. */
export function onParentMessage(
  type: string,
  handler: (payload: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>,
): void {
  process.on('message', (m: Message) => {
    if (m.type !== type) return;
    void Promise.resolve(handler(m)).then((answer) => process.send?.({ ...answer, type }));
  });
}

export function tellParentReady(port: number, extra: Record<string, unknown> = {}): void {
  process.send?.({ type: 'ready', port, ...extra });
}
