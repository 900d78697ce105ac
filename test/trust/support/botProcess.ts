// The real server process, started as an operator starts it, and stopped however the test
// needs (SIGTERM, or SIGKILL as a crash); its output is kept for failure messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BotProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output(): string;
}

/** Every process started here, so the test can kill them all whatever happens. */
export const started = new Set<ChildProcess>();

export async function startBotProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const port = await freePort();
  const inherited: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(TELEGRAM_|ZALO_|PUBLIC_URL)/.test(k)) inherited[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (started.delete(child), resolve(code))));
  const bot = { child, url: `http://127.0.0.1:${port}`, exited, output: () => output.join('') };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}):\n${bot.output()}`);
    const ok = await fetch(`${bot.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return bot;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the bot did not answer /healthz within ${timeoutMs} ms:\n${bot.output()}`);
}

export async function killAll(): Promise<void> {
  for (const child of started) child.kill('SIGKILL');
  await Promise.all(
    [...started].map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))),
  );
}
