import { fork } from 'node:child_process';
import { startApiStub } from './support/apiStub.js';
import { zaloSequence, zaloSignature } from './ingest/payloads.js';
const stub = await startApiStub();
const child = fork('bench/ingest/target.ts', ['zalo', String(stub.port)], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_LOG_LEVEL: 'info' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
child.on('message', async (m: { type: string; port: number }) => {
  if (m.type !== 'ready') return;
  const seq = zaloSequence('d');
  for (let i = 0; i < 3; i++) {
    const { body } = seq.next();
    const res = await fetch(`http://127.0.0.1:${m.port}/zalo/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(body) }, body });
    console.log(res.status, await res.text());
  }
  await new Promise((r) => setTimeout(r, 500));
  console.log(stub.counts);
  child.kill('SIGTERM');
  await stub.close();
});
