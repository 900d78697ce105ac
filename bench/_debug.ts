import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import { startApiStub } from './support/apiStub.js';
import { telegramSequence, BENCH_SECRET } from './ingest/payloads.js';
const stub = await startApiStub();
const child = fork('bench/ingest/target.ts', [process.argv[2] ?? 'telegram', String(stub.port)], { execArgv: ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', '/tmp/prof'], env: { ...process.env, BENCH_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
child.on('message', async (m: { type: string; port: number }) => {
  if (m.type !== 'ready') return;
  const seq = telegramSequence(5);
  const r = await autocannon({ url: `http://127.0.0.1:${m.port}`, connections: 4, duration: 5, requests: [{ method: 'POST', path: '/telegram/webhook', setupRequest: (req) => { const { body } = seq.next(); return { ...req, body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': BENCH_SECRET } }; } }] });
  console.log(r.statusCodeStats);
  console.log(stub.counts);
  child.kill('SIGTERM');
  await stub.close();
});
