// The PostgreSQL schema against the SQLite one it mirrors, and its triggers against the sums
// they keep. Runs only with TEST_DATABASE_URL (a server the test may create schemas on);
// each run works in schemas of its own and drops them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { CLOSURE_REBUILD } from '../../src/store/units/closure.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations/index.js';
import { postgresTypes } from '../../src/store/postgres/pool.js';

const url = process.env.TEST_DATABASE_URL;

// Counts and sums read as numbers, as the store reads them.
const types = postgresTypes;

// The closure is rebuilt with the application's own statement.
const REBUILD_CLOSURE = CLOSURE_REBUILD;

// Each roll-up, and the same figures summed from its table through the closure.
const STATISTICS = `SELECT ancestor_code, to_date, week_end, source_rows, received_total, received_online, digitized,
    fee_dossiers, paid_online FROM unit_statistic_rollup ORDER BY 1, 2`;
const STATISTICS_RAW = `SELECT c.ancestor_code, s.to_date, MIN(s.week_end) AS week_end, COUNT(*) AS source_rows,
    SUM(s.received_total) AS received_total, SUM(s.received_online) AS received_online, SUM(s.digitized) AS digitized,
    SUM(s.fee_dossiers) AS fee_dossiers, SUM(s.paid_online) AS paid_online
  FROM unit_closure c JOIN unit_statistic s ON s.unit_code = c.descendant_code GROUP BY 1, 2 ORDER BY 1, 2`;
const HOUSEHOLDS = `SELECT ancestor_code, communes, units_recorded, visited, with_account
  FROM household_coverage_rollup ORDER BY 1`;
const HOUSEHOLDS_RAW = `SELECT c.ancestor_code, COUNT(*) FILTER (WHERE u.kind = 'commune') AS communes,
    COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM household_coverage h WHERE h.unit_code = c.descendant_code)) AS units_recorded,
    COALESCE(SUM((SELECT SUM(h.visited) FROM household_coverage h WHERE h.unit_code = c.descendant_code)), 0) AS visited,
    COALESCE(SUM((SELECT SUM(h.with_account) FROM household_coverage h WHERE h.unit_code = c.descendant_code)), 0) AS with_account
  FROM unit_closure c JOIN unit u ON u.code = c.descendant_code GROUP BY 1 ORDER BY 1`;
// The wait computed independently of iso_time_ms: a cast, for times that look like ISO ones.
const WAIT_MS = `CASE WHEN t.opened_at ~ '^\\d{4}-' AND t.first_answer_at ~ '^\\d{4}-'
    THEN round(extract(epoch FROM t.first_answer_at::timestamptz - t.opened_at::timestamptz) * 1000) END`;
const REQUESTS = `SELECT ancestor_code, opened_day, opened, answered, waited, wait_ms, rated, rating_sum
  FROM handoff_rollup ORDER BY 1, 2`;
const REQUESTS_RAW = `SELECT c.ancestor_code, t.opened_day, COUNT(*) AS opened, COUNT(t.first_answer_at) AS answered,
    COUNT(${WAIT_MS}) AS waited, COALESCE(SUM(${WAIT_MS}), 0) AS wait_ms, COUNT(t.rating) AS rated,
    COALESCE(SUM(t.rating), 0) AS rating_sum
  FROM unit_closure c JOIN handoff_ticket t ON t.unit_code = c.descendant_code GROUP BY 1, 2 ORDER BY 1, 2`;
const GUIDES = 'SELECT ancestor_code, day, outcome, count FROM guide_outcome_rollup ORDER BY 1, 2, 3';
const GUIDES_RAW = `SELECT c.ancestor_code, g.day, g.outcome, SUM(g.count) AS count
  FROM unit_closure c JOIN guide_outcome g ON g.unit_code = c.descendant_code GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

// A province, two districts, three communes; D1 also reports counts of its own.
const UNITS: [code: string, kind: string, parent: string | null][] = [
  ['P', 'province', null],
  ['D1', 'district', 'P'],
  ['D2', 'district', 'P'],
  ['C1', 'commune', 'D1'],
  ['C2', 'commune', 'D1'],
  ['C3', 'commune', 'D2'],
];

interface SqliteColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

describe.skipIf(!url)('the PostgreSQL schema', () => {
  const schemas: string[] = [];
  const clients: pg.Client[] = [];
  let admin: pg.Client;
  let db: pg.Client;
  let schema: string;
  let firstRun: number[];

  async function connect(searchPath?: string): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: url,
      types,
      ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
    });
    await client.connect();
    clients.push(client);
    return client;
  }

  async function freshSchema(): Promise<string> {
    const name = `t_${randomBytes(8).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${name}`);
    schemas.push(name);
    return name;
  }

  async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await db.query<T & pg.QueryResultRow>(sql, params)).rows;
  }

  beforeAll(async () => {
    admin = await connect();
    schema = await freshSchema();
    db = await connect(schema);
    firstRun = await migratePostgres(db);
  });

  afterAll(async () => {
    for (const name of schemas) await admin?.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await Promise.all(clients.map((c) => c.end()));
  });

  it('applies every migration to an empty schema, and nothing on a second run', async () => {
    expect(firstRun).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    expect(await migratePostgres(db)).toEqual([]);
    const recorded = await rows<{ version: number; name: string }>('SELECT version, name FROM schema_migration ORDER BY 1');
    expect(recorded).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('applies each migration once when two runs start together (the advisory lock)', async () => {
    const other = await freshSchema();
    const [a, b] = await Promise.all([connect(other), connect(other)]);
    const runs = await Promise.all([migratePostgres(a), migratePostgres(b)]);
    const all = POSTGRES_MIGRATIONS.map((m) => m.version);
    expect(runs.sort((x, y) => y.length - x.length)).toEqual([all, []]);
    const { rows: recorded } = await a.query<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migration');
    expect(recorded[0]!.n).toBe(all.length);
  });

  it('numbers and names its migrations as the SQLite ones', async () => {
    const { MIGRATIONS } = await import('../../src/store/migrations/index.js');
    expect(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(
      MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
  });

  // What only replicas need: one process on SQLite counts floods in memory.
  const POSTGRES_ONLY_TABLES = ['flood_count'];

  it('has the tables, columns, keys and indexes of the SQLite schema', async () => {
    const sqlite = openDatabase(':memory:');
    try {
      const tables = (
        sqlite
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .pluck()
          .all() as string[]
      ).sort();
      const pgTables = (
        await rows<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
          [schema],
        )
      )
        .map((r) => r.table_name)
        .filter((t) => !POSTGRES_ONLY_TABLES.includes(t))
        .sort();
      expect(pgTables).toEqual(tables);

      // Columns in order, each with its type and whether it may be NULL. SQLite lets a
      // non-INTEGER primary key of a rowid table hold NULL (a known quirk); PostgreSQL never
      // does, and the application never stores one, so a key column counts as NOT NULL.
      const typeOf: Record<string, string[]> = { INTEGER: ['integer', 'bigint'], TEXT: ['text'], REAL: ['double precision'] };
      const pgColumns = await rows<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
          WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
        [schema],
      );
      for (const table of tables) {
        const columns = sqlite.prepare(`PRAGMA table_info(${table})`).all() as SqliteColumn[];
        const mirrored = pgColumns.filter((c) => c.table_name === table);
        expect(
          mirrored.map((c) => c.column_name),
          table,
        ).toEqual(columns.map((c) => c.name));
        columns.forEach((c, i) => {
          const p = mirrored[i]!;
          expect(typeOf[c.type], `${table}.${c.name}`).toContain(p.data_type);
          expect(p.is_nullable === 'NO', `${table}.${c.name} NOT NULL`).toBe(c.notnull === 1 || c.pk > 0);
        });
        // Primary key columns, in key order.
        const pk = columns
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        const pgPk = await rows<{ column_name: string }>(
          `SELECT k.column_name FROM information_schema.table_constraints t
             JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name, table_name)
            WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = $1 AND t.table_name = $2 ORDER BY k.ordinal_position`,
          [schema, table],
        );
        expect(
          pgPk.map((r) => r.column_name),
          `${table} primary key`,
        ).toEqual(pk);
      }

      // Foreign keys: columns, referenced table and columns, ON DELETE.
      const onDelete: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
      const sqliteFks = tables
        .flatMap((table) =>
          (
            sqlite.prepare(`PRAGMA foreign_key_list(${table})`).all() as {
              table: string;
              from: string;
              to: string;
              on_delete: string;
            }[]
          ).map((f) => `${table}(${f.from}) -> ${f.table}(${f.to}) ON DELETE ${f.on_delete}`),
        )
        .sort();
      const pgFks = (
        await rows<{ tbl: string; cols: string[]; ref: string; ref_cols: string[]; del: string }>(
          `SELECT cl.relname AS tbl, ref.relname AS ref, con.confdeltype AS del,
                  array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
                  array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS ref_cols
             FROM pg_constraint con
             JOIN pg_class cl ON cl.oid = con.conrelid
             JOIN pg_namespace ns ON ns.oid = cl.relnamespace
             JOIN pg_class ref ON ref.oid = con.confrelid
            WHERE con.contype = 'f' AND ns.nspname = $1`,
          [schema],
        )
      )
        .map((f) => `${f.tbl}(${f.cols.join(', ')}) -> ${f.ref}(${f.ref_cols.join(', ')}) ON DELETE ${onDelete[f.del]}`)
        .sort();
      expect(pgFks).toEqual(sqliteFks);

      // Indexes by name, with their columns, uniqueness and whether they are partial. The
      // indexes behind PRIMARY KEY and UNIQUE constraints are left out on both sides: SQLite
      // names them sqlite_autoindex_<table>_<n> and PostgreSQL <table>_pkey, <table>_<col>_key;
      // the constraints themselves are compared above (keys) and below (uniques).
      const sqliteIndexes = sqlite
        .prepare("SELECT name, tbl_name AS tbl FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'")
        .all() as { name: string; tbl: string }[];
      const describeSqlite = (name: string, tbl: string) => {
        const list = sqlite.prepare(`PRAGMA index_list(${tbl})`).all() as { name: string; unique: number; partial: number }[];
        const entry = list.find((i) => i.name === name)!;
        const cols = (sqlite.prepare(`PRAGMA index_info(${name})`).all() as { name: string }[]).map((c) => c.name);
        return `${name} ON ${tbl}(${cols.join(', ')})${entry.unique ? ' UNIQUE' : ''}${entry.partial ? ' PARTIAL' : ''}`;
      };
      const pgIndexes = await rows<{ name: string; tbl: string; cols: string[]; uniq: boolean; partial: boolean }>(
        `SELECT ic.relname AS name, tc.relname AS tbl, ix.indisunique AS uniq, ix.indpred IS NOT NULL AS partial,
                array(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, i)
                        JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.i) AS cols
           FROM pg_index ix
           JOIN pg_class ic ON ic.oid = ix.indexrelid
           JOIN pg_class tc ON tc.oid = ix.indrelid
           JOIN pg_namespace ns ON ns.oid = tc.relnamespace
          WHERE ns.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)`,
        [schema],
      );
      expect(
        pgIndexes
          .map((i) => `${i.name} ON ${i.tbl}(${i.cols.join(', ')})${i.uniq ? ' UNIQUE' : ''}${i.partial ? ' PARTIAL' : ''}`)
          .sort(),
      ).toEqual(sqliteIndexes.map((i) => describeSqlite(i.name, i.tbl)).sort());

      // UNIQUE constraints (SQLite: autoindexes of origin 'u').
      const sqliteUniques = tables
        .flatMap((table) =>
          (sqlite.prepare(`PRAGMA index_list(${table})`).all() as { name: string; origin: string }[])
            .filter((i) => i.origin === 'u')
            .map((i) => {
              const cols = (sqlite.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map((c) => c.name);
              return `${table}(${cols.join(', ')})`;
            }),
        )
        .sort();
      const pgUniques = (
        await rows<{ tbl: string; cols: string[] }>(
          `SELECT cl.relname AS tbl,
                  array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols
             FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid
             JOIN pg_namespace ns ON ns.oid = cl.relnamespace
            WHERE con.contype = 'u' AND ns.nspname = $1`,
          [schema],
        )
      )
        .map((u) => `${u.tbl}(${u.cols.join(', ')})`)
        .sort();
      expect(pgUniques).toEqual(sqliteUniques);
    } finally {
      sqlite.close();
    }
  });

  it('fills defaults with the ISO strings SQLite writes, and reads times as julianday does', async () => {
    const [person] = await rows<{ id: number; created_at: string; locale: string }>(
      'INSERT INTO person DEFAULT VALUES RETURNING id, created_at, locale',
    );
    expect(person!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(person!.created_at) - Date.now())).toBeLessThan(60_000);
    expect(person).toMatchObject({ id: expect.any(Number), locale: 'vi' });
    await db.query('DELETE FROM person WHERE id = $1', [person!.id]);

    const times = [
      '2023-12-08T08:00:00.000Z',
      '2023-12-08T08:00:00.123Z',
      '2023-12-08T08:00:00.1236Z',
      '2023-12-08T08:00:00.12345678Z',
      '2023-12-08T08:00:00+07:00',
      '2023-12-08T08:00:00-03:30',
      '2023-12-08T08:00:00z',
      '2023-12-08T08:00:00 Z',
      '2023-12-08T08:00Z',
      '2023-12-08 08:00',
      '2023-12-0808:00',
      '2023-12-08TT 08:00:00Z',
      '2023-12-08',
      '2023-12-08T',
      '2023-02-30',
      '2024-02-29T23:59:59.999Z',
      '2023-12-08T24:00:00Z',
      '2023-13-01',
      '2023-12-32',
      '2023-12-08T08:00:60Z',
      '2023-12-08T08:60:00Z',
      '2023-12-08T08:00:00+15:00',
      '2023-12-08T08:00:00+0700',
      '2023-12-08Z',
      ' 2023-12-08T08:00:00Z',
      '+2023-12-08',
      '08/12/2023',
      'garbage',
      '',
    ];
    const sqlite = openDatabase(':memory:');
    try {
      const julianday = sqlite
        .prepare("SELECT CAST(ROUND((julianday(?) - julianday('1970-01-01')) * 86400000) AS INTEGER)")
        .pluck();
      const expected = times.map((t) => [t, julianday.get(t) as number | null]);
      const actual = await rows<{ t: string; ms: number | null }>(
        'SELECT t, iso_time_ms(t) AS ms FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY i',
        [times],
      );
      expect(actual.map((r) => [r.t, r.ms])).toEqual(expected);
    } finally {
      sqlite.close();
    }
  });

  it('refuses to change or remove an audit event', async () => {
    await db.query("INSERT INTO audit_event (at, actor_id, action) VALUES ('2023-12-08T03:00:00.000Z', 7, 'report.submitted')");
    await expect(db.query("UPDATE audit_event SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect(await rows('SELECT action FROM audit_event')).toEqual([{ action: 'report.submitted' }]);
  });

  describe('the roll-ups', () => {
    async function expectExact(): Promise<void> {
      expect(await rows(STATISTICS)).toEqual(await rows(STATISTICS_RAW));
      expect(await rows(HOUSEHOLDS)).toEqual(await rows(HOUSEHOLDS_RAW));
      expect(await rows(REQUESTS)).toEqual(await rows(REQUESTS_RAW));
      expect(await rows(GUIDES)).toEqual(await rows(GUIDES_RAW));
    }

    async function moveUnit(code: string, parent: string): Promise<void> {
      await db.query('UPDATE unit SET parent_code = $2 WHERE code = $1', [code, parent]);
      await db.query(REBUILD_CLOSURE);
    }

    beforeAll(async () => {
      for (const [code, kind, parent] of UNITS) {
        await db.query('INSERT INTO unit (code, name, name_folded, kind, parent_code) VALUES ($1, $1, $1, $2, $3)', [
          code,
          kind,
          parent,
        ]);
      }
      await db.query(REBUILD_CLOSURE);
      await db.query('INSERT INTO person (id) VALUES (1), (2), (3), (4)');
    });

    it('keep unit_statistic_rollup equal to the sums over each subtree, and follow the tree', async () => {
      const stat = (unit: string, from: string, to: string, weekEnd: string, n: number) =>
        db.query(
          `INSERT INTO unit_statistic (unit_code, from_date, to_date, week_end, received_total, received_online,
             digitized, fee_dossiers, paid_online, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'x')`,
          [unit, from, to, weekEnd, n * 10, n * 5, n * 3, n * 2, n],
        );
      await stat('C1', '2023-12-04', '2023-12-08', '2023-12-10', 1);
      await stat('C2', '2023-12-04', '2023-12-08', '2023-12-10', 2);
      await stat('C3', '2023-12-04', '2023-12-08', '2023-12-10', 3);
      await stat('D1', '2023-12-04', '2023-12-08', '2023-12-10', 4);
      await stat('C1', '2023-12-11', '2023-12-15', '2023-12-17', 5);
      await stat('C3', '2023-12-11', '2023-12-15', '2023-12-17', 6);
      await expectExact();
      expect(
        await rows("SELECT source_rows, received_total FROM unit_statistic_rollup WHERE ancestor_code = 'P' ORDER BY to_date"),
      ).toEqual([
        { source_rows: 4, received_total: 100 },
        { source_rows: 2, received_total: 110 },
      ]);

      // Several rows in one statement; an upsert that replaces a row; a period moved.
      await db.query(
        "UPDATE unit_statistic SET received_total = received_total + 7, paid_online = 0 WHERE to_date = '2023-12-08'",
      );
      await db.query(
        `INSERT INTO unit_statistic (unit_code, from_date, to_date, week_end, received_total, received_online, digitized,
           fee_dossiers, paid_online, imported_at)
         VALUES ('C2', '2023-12-04', '2023-12-08', '2023-12-10', 99, 9, 9, 9, 9, 'y'),
                ('C2', '2023-12-11', '2023-12-15', '2023-12-17', 1, 1, 1, 1, 1, 'y')
         ON CONFLICT (unit_code, from_date, to_date) DO UPDATE SET received_total = excluded.received_total,
           received_online = excluded.received_online, imported_at = excluded.imported_at`,
      );
      await db.query(
        "UPDATE unit_statistic SET from_date = '2023-12-18', to_date = '2023-12-22', week_end = '2023-12-24' WHERE unit_code = 'C3' AND to_date = '2023-12-15'",
      );
      await expectExact();

      await db.query("DELETE FROM unit_statistic WHERE unit_code IN ('C1', 'D1') AND to_date = '2023-12-08'");
      await expectExact();
      // Every row of a period gone: its roll-up rows go too.
      await db.query("DELETE FROM unit_statistic WHERE to_date = '2023-12-22'");
      expect(await rows("SELECT 1 FROM unit_statistic_rollup WHERE to_date = '2023-12-22'")).toEqual([]);
      await expectExact();

      await moveUnit('C2', 'D2');
      await expectExact();
      expect(
        await rows("SELECT received_total FROM unit_statistic_rollup WHERE ancestor_code = 'D2' AND to_date = '2023-12-15'"),
      ).toEqual([{ received_total: 1 }]);
      await moveUnit('C2', 'D1');
      await expectExact();
    });

    it('keep the community roll-ups equal to the sums over each subtree, and follow the tree', async () => {
      await expectExact();
      const area = `INSERT INTO household_coverage (unit_code, area_key, area_name, visited, with_account, updated_at, updated_by)
        VALUES ($1, $2, $2, $3, $4, 'x', 1)
        ON CONFLICT (unit_code, area_key) DO UPDATE SET visited = excluded.visited, with_account = excluded.with_account`;
      // Two areas of a unit that had none, in one statement: the unit counts once.
      await db.query(`INSERT INTO household_coverage (unit_code, area_key, area_name, visited, with_account, updated_at)
        VALUES ('C1', 'ap 1', 'Ấp 1', 10, 4, 'x'), ('C1', 'ap 2', 'Ấp 2', 20, 8, 'x'), ('C3', 'ap 1', 'Ấp 1', 5, 5, 'x')`);
      await expectExact();
      await db.query(area, ['C1', 'ap 1', 12, 6]);
      await db.query(area, ['C2', 'ap 1', 7, 1]);
      await db.query(area, ['D1', 'ap 9', 3, 0]);
      await expectExact();
      // An upsert that updates one row and inserts another in one statement.
      await db.query(`INSERT INTO household_coverage (unit_code, area_key, area_name, visited, with_account, updated_at)
        VALUES ('C1', 'ap 2', 'Ấp 2', 21, 9, 'y'), ('C2', 'ap 2', 'Ấp 2', 1, 1, 'y')
        ON CONFLICT (unit_code, area_key) DO UPDATE SET visited = excluded.visited, with_account = excluded.with_account`);
      await expectExact();
      // An update that moves no figure, then areas moved to another unit (one unit emptied).
      await db.query("UPDATE household_coverage SET updated_at = 'z'");
      await db.query("UPDATE household_coverage SET unit_code = 'C3', area_key = area_key || ' c2' WHERE unit_code = 'C2'");
      await expectExact();
      await db.query("UPDATE household_coverage SET unit_code = 'C2' WHERE unit_code = 'C3' AND area_key = 'ap 1'");
      await expectExact();
      // A person's deletion sets updated_by to NULL: an update by cascade.
      await db.query('DELETE FROM person WHERE id = 1');
      await db.query("DELETE FROM household_coverage WHERE unit_code = 'C1' AND area_key = 'ap 1'");
      await db.query("DELETE FROM household_coverage WHERE unit_code IN ('C1', 'D1')");
      await expectExact();

      const ticket = `INSERT INTO handoff_ticket (unit_code, citizen_id, citizen_channel, citizen_external_id, status,
          opened_at, opened_day, first_answer_at, rating) VALUES ($1, NULL, 'telegram', $2, $3, $4, $5, $6, $7) RETURNING id`;
      const open = async (unit: string, openedAt: string, answeredAt: string | null, rating: number | null) =>
        (
          await db.query<{ id: number }>(ticket, [
            unit,
            openedAt,
            answeredAt ? 'closed' : 'waiting',
            openedAt,
            openedAt.slice(0, 10),
            answeredAt,
            rating,
          ])
        ).rows[0]!.id;
      const t1 = await open('C1', '2023-12-08T01:00:00.000Z', '2023-12-08T01:30:15.250Z', 5);
      const t2 = await open('C1', '2023-12-08T02:00:00.000Z', null, null);
      const t3 = await open('C3', '2023-12-08T03:00:00.000Z', '2023-12-08T05:00:00.001Z', 3);
      await open('D1', '2023-12-09T03:00:00.000Z', '2023-12-09T03:00:00.999Z', null);
      // An answer time nobody can read: answered, but not waited.
      const t5 = await open('C2', '2023-12-09T04:00:00.000Z', 'soon', 2);
      await expectExact();
      await db.query('UPDATE handoff_ticket SET first_answer_at = $2, rating = 4 WHERE id = $1', [
        t2,
        '2023-12-08T02:00:30.500Z',
      ]);
      // Relaying names first_answer_at without changing it.
      await db.query('UPDATE handoff_ticket SET first_answer_at = first_answer_at, relayed_count = relayed_count + 1');
      await db.query("UPDATE handoff_ticket SET unit_code = 'C2' WHERE id = $1", [t3]);
      await db.query(
        "UPDATE handoff_ticket SET opened_day = '2023-12-10', opened_at = '2023-12-10T00:00:00.000Z' WHERE id = $1",
        [t1],
      );
      await db.query('UPDATE handoff_ticket SET rating = NULL WHERE id = $1', [t5]);
      await expectExact();
      await db.query('DELETE FROM handoff_ticket WHERE id = $1', [t2]);
      await expectExact();
      expect(await rows("SELECT wait_ms FROM handoff_rollup WHERE ancestor_code = 'P' AND opened_day = '2023-12-08'")).toEqual([
        { wait_ms: 7_200_001 },
      ]);

      const outcome = `INSERT INTO guide_outcome (day, guide, unit_code, outcome, count) VALUES ($1, 'vneid', $2, $3, 1)
        ON CONFLICT (day, guide, unit_code, outcome) DO UPDATE SET count = guide_outcome.count + 1`;
      for (const [day, unit, out] of [
        ['2023-12-08', 'C1', 'worked'],
        ['2023-12-08', 'C1', 'worked'],
        ['2023-12-08', 'C2', 'stuck'],
        ['2023-12-08', '', 'worked'],
        ['2023-12-09', 'C3', 'gave_up'],
        ['2023-12-09', 'D2', 'worked'],
      ]) {
        await db.query(outcome, [day, unit, out]);
      }
      await expectExact();
      await db.query("UPDATE guide_outcome SET count = count + 2 WHERE day = '2023-12-08'");
      await db.query("UPDATE guide_outcome SET day = '2023-12-10' WHERE unit_code = 'C2'");
      await db.query("UPDATE guide_outcome SET unit_code = 'C1', outcome = 'stuck' WHERE unit_code = 'C3'");
      await expectExact();
      await db.query("DELETE FROM guide_outcome WHERE unit_code = 'C1' AND outcome = 'worked'");
      await expectExact();

      // The tree changes: every subtree sum follows.
      await moveUnit('C1', 'D2');
      await expectExact();
      await db.query("INSERT INTO unit (code, name, name_folded, kind, parent_code) VALUES ('C4', 'C4', 'C4', 'commune', 'D2')");
      await moveUnit('C2', 'C4');
      await expectExact();
      expect(
        await rows(
          "SELECT ancestor_code, communes FROM household_coverage_rollup WHERE ancestor_code IN ('D1', 'D2') ORDER BY 1",
        ),
      ).toEqual([
        { ancestor_code: 'D1', communes: 0 },
        { ancestor_code: 'D2', communes: 4 },
      ]);

      // TRUNCATE fires no row trigger; the roll-ups are rebuilt.
      await db.query('TRUNCATE guide_outcome, household_coverage');
      await expectExact();
      expect(await rows(GUIDES)).toEqual([]);
    });
  });
});
