import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createLogger } from '../../src/http/logger.js';
import { openTestStore } from '../support/testStore.js';

describe('HTTP app', () => {
  it('reports health with the database reachable and the version', async () => {
    const store = await openTestStore();
    const app = buildApp({ store, version: '1.2.3' });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: true, version: '1.2.3', channels: {} });
    await store.close();
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: false });
    await app.close();
  });

  it('shows a channel that needs attention as degraded, still 200 so the process is not restarted', async () => {
    const store = await openTestStore();
    const app = buildApp({
      store,
      version: '1',
      channelHealth: () => ({ zalo: { ok: false, detail: 'zalo_oa_consent_needed' } }),
    });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'degraded', channels: { zalo: { ok: false, detail: 'zalo_oa_consent_needed' } } });
    await app.close();
    await store.close();
  });

  it('waits for a channel whose health is read from the store', async () => {
    const store = await openTestStore();
    const app = buildApp({
      store,
      version: '1',
      channelHealth: async () => ({ zalo: { ok: true } }),
    });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', channels: { zalo: { ok: true } } });
    await app.close();
    await store.close();
  });

  it('answers an unknown route with 404, not a crash', async () => {
    const store = await openTestStore();
    const app = buildApp({ store, version: '0' });
    expect((await app.inject({ method: 'POST', url: '/nowhere', payload: 'x' })).statusCode).toBe(404);
    await app.close();
    await store.close();
  });
});

describe('request logging', () => {
  async function linesAt(level: string, url = '/healthz'): Promise<{ msg: string; level: number }[]> {
    const lines: string[] = [];
    const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
    const store = await openTestStore();
    const app = buildApp({ store, version: '0', loggerInstance: logger });
    app.get('/broken', async () => {
      throw new Error('broken on purpose');
    });
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url });
    await app.close();
    await store.close();
    return lines.map((l) => JSON.parse(l) as { msg: string; level: number });
  }

  it('writes no line per request at info, the production level (nginx keeps access logs)', async () => {
    expect((await linesAt('info')).map((l) => l.msg)).toEqual([]);
  });

  it('writes one line per completed request at debug, with its status and time', async () => {
    const lines = await linesAt('debug');
    expect(lines.filter((l) => l.msg === 'request completed')).toHaveLength(3);
  });

  it('still logs a request that failed, at error, at the production level', async () => {
    const errors = (await linesAt('info', '/broken')).filter((l) => l.level >= 50);
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });
});

describe('overload protection', () => {
  it('answers 503 with Retry-After while the event loop is stalled, then recovers', async () => {
    const store = await openTestStore();
    const app = buildApp({ store, version: '0', pressure: { maxEventLoopDelayMs: 50, sampleIntervalMs: 100 } });
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const until = Date.now() + 300;
    while (Date.now() < until); // a stalled event loop, as under a flood
    await new Promise((r) => setTimeout(r, 5));
    const busy = await app.inject({ method: 'GET', url: '/healthz' });
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('10');
    let recovered = 0;
    for (let i = 0; i < 50 && recovered !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      recovered = (await app.inject({ method: 'GET', url: '/healthz' })).statusCode;
    }
    expect(recovered).toBe(200);
    await app.close();
    await store.close();
  });
});
