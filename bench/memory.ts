// 5. Memory and start. RSS of the real runtime with 10.000 people each in the middle of a
// guide, against the same process idle; and the time from starting `src/main.ts` (as
// `npm start` does) to the first answer from /healthz, against a bare fastify server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { benchRuntime } from './support/runtime.js';
import { emit, mb, ms, type PartResult } from './support/result.js';
import { percentile } from './support/stats.js';
import { BENCH_DIR, ROOT } from './support/processes.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'trolydvc-bench-memory-'));
const gc = (globalThis as { gc?: () => void }).gc;
const settledRss = () => {
  gc?.();
  gc?.();
  return process.memoryUsage();
};

// Memory: the engine directly (no HTTP), each person asks a question that starts a guide.
const { runtime, lintProblems } = await benchRuntime(
  loadConfig({ DATABASE_PATH: join(dir, 'memory.sqlite'), DEMO_DATA: 'false' }),
);
const capabilities = { buttons: true, images: true, documents: true, maxTextLength: 4096 };
await runtime.engine.handle({ channel: 'telegram', externalId: 'warm-up', event: { kind: 'start' } }, capabilities);
const idle = settledRss();
const t0 = performance.now();
for (let i = 0; i < PEOPLE; i += 100)
  await Promise.all(
    Array.from({ length: Math.min(100, PEOPLE - i) }, (_, k) =>
      runtime.engine.handle(
        {
          channel: 'telegram',
          externalId: String(700_000 + i + k),
          event: { kind: 'text', text: 'tôi muốn tạo tài khoản dịch vụ công' },
        },
        capabilities,
      ),
    ),
  );
const turnMs = performance.now() - t0;
const midFlow = Number(
  (
    await runtime.store.sql
      .selectFrom('conversation')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const busy = settledRss();
await runtime.store.close();

// Start-up: the real entry point and the bare server, each started three times.
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function timeToHealthy(entry: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    while (performance.now() - started < 30_000) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${entry} did not answer /healthz within 30 s`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const mainEnv = {
  HOST: '127.0.0.1',
  DATABASE_PATH: join(dir, 'start.sqlite'),
  DEMO_DATA: 'false',
  LOG_LEVEL: 'warn',
  TELEGRAM_BOT_TOKEN: '',
};
const starts: number[] = [];
const bareStarts: number[] = [];
let startProblem = '';
try {
  for (let i = 0; i < 3; i++) {
    bareStarts.push(await timeToHealthy(join(BENCH_DIR, 'startup', 'bareServer.ts'), {}));
    starts.push(await timeToHealthy('src/main.ts', mainEnv));
  }
} catch (err) {
  startProblem = lintProblems.length
    ? `the server refuses to start while the flows fail their lint: ${lintProblems.join('; ')}`
    : String(err);
}
const demoStart = startProblem
  ? Number.NaN
  : await timeToHealthy('src/main.ts', { ...mainEnv, DATABASE_PATH: join(dir, 'demo.sqlite'), DEMO_DATA: 'true' });
rmSync(dir, { recursive: true, force: true });

const start = percentile(starts, 50);
const bareStart = percentile(bareStarts, 50);
const perPerson = (busy.rss - idle.rss) / PEOPLE;
const result: PartResult = {
  part: '5',
  title: 'Memory and start',
  rows: [
    {
      part: '5. memory',
      what: `RSS with ${PEOPLE.toLocaleString('en-US')} people mid-flow`,
      value: `${mb(busy.rss)} (+${(perPerson / 1024).toFixed(1)} KB a person)`,
      baseline: `${mb(idle.rss)} same runtime idle`,
      ratio: busy.rss / idle.rss,
    },
    {
      part: '5. start',
      what: 'start to /healthz ready (median of 3)',
      value: startProblem ? 'not measured' : ms(start),
      baseline: `${ms(bareStart)} bare fastify via tsx`,
      ...(startProblem ? {} : { ratio: start / bareStart }),
    },
  ],
  details: [
    `${PEOPLE.toLocaleString('en-US')} people each sent one question that starts a guide (engine.handle, 100 at a time, ` +
      `${(turnMs / PEOPLE).toFixed(2)} ms a turn on average); ${midFlow.toLocaleString('en-US')} conversations are left mid-flow. ` +
      `After two forced GCs: RSS ${mb(idle.rss)} → ${mb(busy.rss)}, JS heap ${mb(idle.heapUsed)} → ${mb(busy.heapUsed)}. ` +
      "Conversation state lives in SQLite, so what stays in memory per person is the flood guard's counters and SQLite's page cache.",
    '',
    `Start (\`node --import tsx src/main.ts\`, empty database, no channel configured) to the first 200 from /healthz: ` +
      `${starts.map((s) => ms(s)).join(', ')} (the first run also creates the database); bare fastify server through tsx: ` +
      `${bareStarts.map((s) => ms(s)).join(', ')}. With DEMO_DATA=true on an empty database (loads the Bến Tre tree and demo figures): ${ms(demoStart)}.`,
    ...(startProblem ? ['', `Start not measured: ${startProblem}.`] : []),
    ...(lintProblems.length
      ? [
          '',
          `The flows did not pass their lint during this run (${lintProblems.join('; ')}); the engine was assembled without that check.`,
        ]
      : []),
  ],
};
emit(result);
