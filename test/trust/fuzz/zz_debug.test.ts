import { it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { createTelegramChannel } from '../../../src/channels/telegram/channel.js';
import { loadConfig } from '../../../src/config.js';
import { createRuntime } from '../../../src/runtime.js';
import { BOT_INFO, SECRET, TOKEN } from '../../telegram/harness.js';
it('dbg', async () => {
  const runtime = createRuntime(loadConfig({ DATABASE_PATH: ':memory:', DEMO_DATA: 'false' }));
  const channel = createTelegramChannel({ token: TOKEN, apiRoot: 'http://127.0.0.1:9', webhookSecret: SECRET, engine: runtime.engine, processedUpdates: runtime.store.processedUpdates,
    logger: { info: () => {}, warn: (o: any, m: any) => console.log('warn', o, m), error: (o: any, m: any) => console.log('err', o, m) }, botInfo: BOT_INFO, webhookBodyLimit: 8 * 1024 });
  const app = buildApp({ store: runtime.store, version: 'x', channels: [channel], logger: { level: 'error' } as any });
  await app.ready();
  for (const [p, h] of [['{"update_id":0}', {}], ['x'.repeat(9000), {}], ['{"update_id":0}', {}], ['{"update_id":1}', {'content-encoding':'gzip'}]] as const) {
    const res = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'content-type': 'application/json', ...h, 'x-telegram-bot-api-secret-token': SECRET }, payload: p });
    console.log(res.statusCode, res.body);
  }
});
