import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openStore } from '../../src/store/index.js';

describe('HTTP app', () => {
  it('reports health with the database reachable and the version', async () => {
    const store = openStore(':memory:');
    const app = buildApp({ store, version: '1.2.3' });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: true, version: '1.2.3' });
    store.close();
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: false });
    await app.close();
  });

  it('answers an unknown route with 404, not a crash', async () => {
    const store = openStore(':memory:');
    const app = buildApp({ store, version: '0' });
    expect((await app.inject({ method: 'POST', url: '/nowhere', payload: 'x' })).statusCode).toBe(404);
    await app.close();
    store.close();
  });
});
