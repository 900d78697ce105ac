// A replica's pool outlives the server dropping one of its idle connections.
import { describe, expect, it } from 'vitest';
import { postgresPool } from '../../src/store/postgres/pool.js';
import { postgresUrl } from '../support/engines.js';

describe.skipIf(!postgresUrl)('the PostgreSQL pool', () => {
  it('hears of an idle connection the server ended, and goes on answering', async () => {
    const errors: Error[] = [];
    const pool = postgresPool(postgresUrl!, { max: 2, onError: (error) => errors.push(error) });
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = postgresPool(postgresUrl!, { max: 1 });
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await admin.end();
    for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(errors.length).toBe(1);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    await pool.end();
  });
});
