import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/campaign/demo.js';
import { rebuildCommunityRollups } from '../../src/store/community/rollup.js';
import { openStore } from '../../src/store/index.js';
import type { Db } from '../../src/store/database.js';

// Each roll-up against the same sums computed from its table through the closure.
const HOUSEHOLDS_RAW = `SELECT c.ancestor_code AS unit, SUM(u.kind = 'commune') AS communes,
    SUM(EXISTS (SELECT 1 FROM household_coverage h WHERE h.unit_code = c.descendant_code)) AS recorded,
    COALESCE(SUM((SELECT SUM(h.visited) FROM household_coverage h WHERE h.unit_code = c.descendant_code)), 0) AS visited,
    COALESCE(SUM((SELECT SUM(h.with_account) FROM household_coverage h WHERE h.unit_code = c.descendant_code)), 0) AS withAccount
  FROM unit_closure c JOIN unit u ON u.code = c.descendant_code GROUP BY 1 ORDER BY 1`;
const HOUSEHOLDS = `SELECT ancestor_code AS unit, communes, units_recorded AS recorded, visited, with_account AS withAccount
  FROM household_coverage_rollup ORDER BY 1`;
const WAIT_MS = 'CAST(ROUND((julianday(t.first_answer_at) - julianday(t.opened_at)) * 86400000) AS INTEGER)';
const REQUESTS_RAW = `SELECT c.ancestor_code AS unit, t.opened_day AS day, COUNT(*) AS opened, COUNT(t.first_answer_at) AS answered,
    COUNT(${WAIT_MS}) AS waited, COALESCE(SUM(${WAIT_MS}), 0) AS waitMs, COUNT(t.rating) AS rated, COALESCE(SUM(t.rating), 0) AS ratingSum,
    AVG((julianday(t.first_answer_at) - julianday(t.opened_at)) * 1440) AS meanMinutes
  FROM unit_closure c JOIN handoff_ticket t ON t.unit_code = c.descendant_code GROUP BY 1, 2 ORDER BY 1, 2`;
const REQUESTS = `SELECT ancestor_code AS unit, opened_day AS day, opened, answered, waited, wait_ms AS waitMs, rated,
    rating_sum AS ratingSum FROM handoff_rollup ORDER BY 1, 2`;
const GUIDES_RAW = `SELECT c.ancestor_code AS unit, g.day, g.outcome, SUM(g.count) AS count
  FROM unit_closure c JOIN guide_outcome g ON g.unit_code = c.descendant_code GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
const GUIDES = 'SELECT ancestor_code AS unit, day, outcome, count FROM guide_outcome_rollup ORDER BY 1, 2, 3';

function expectExact(db: Db): void {
  expect(db.prepare(HOUSEHOLDS).all()).toEqual(db.prepare(HOUSEHOLDS_RAW).all());
  const raw = db.prepare(REQUESTS_RAW).all() as { meanMinutes: number | null; waited: number; waitMs: number }[];
  // The mean wait /tiendo shows from the roll-up is the raw average, to far less than a second.
  for (const r of raw) if (r.waited > 0) expect(Math.abs(r.waitMs / r.waited / 60_000 - r.meanMinutes!)).toBeLessThan(1e-6);
  expect(db.prepare(REQUESTS).all()).toEqual(raw.map(({ meanMinutes: _, ...sums }) => sums));
  expect(db.prepare(GUIDES).all()).toEqual(db.prepare(GUIDES_RAW).all());
}

const DAYS = ['2023-12-04', '2023-12-05', '2023-12-08'];
const AREAS = ['ap 1', 'ap 2', 'ap 3'];

const change = fc.oneof(
  fc.record({
    table: fc.constant('households' as const),
    op: fc.constantFrom('upsert', 'delete', 'move'),
    unit: fc.nat(),
    area: fc.nat(2),
    n: fc.nat(300),
  }),
  fc.record({
    table: fc.constant('requests' as const),
    op: fc.constantFrom('open', 'answer', 'rate', 'move', 'redate', 'delete'),
    unit: fc.nat(),
    day: fc.nat(2),
    // Whole seconds and milliseconds: half minutes included.
    ms: fc.oneof(
      fc.nat(600).map((s) => s * 1000),
      fc.nat(7_200_000),
    ),
    rating: fc.option(fc.integer({ min: 1, max: 5 })),
  }),
  fc.record({
    table: fc.constant('guides' as const),
    op: fc.constantFrom('record', 'delete', 'redate'),
    unit: fc.nat(),
    day: fc.nat(2),
    outcome: fc.constantFrom('worked', 'stuck', 'gave_up'),
  }),
);

describe('the community roll-ups behind /tiendo', () => {
  it('always equal the sums over each subtree, whatever is written, and after the tree changes', async () => {
    const store = openStore(':memory:');
    const db = store.db;
    await seedDemoData(store, new Date('2023-12-08T08:00:00Z'));
    // A few units, so that writes meet earlier rows: communes of two districts, a district,
    // the province, and '' (a guide's "no commune chosen").
    const communes = (district: string) =>
      db.prepare('SELECT code FROM unit WHERE parent_code = ? ORDER BY code LIMIT 3').pluck().all(district) as string[];
    const units = [...communes('BT-BATRI'), ...communes('BT-TPBENTRE'), 'BT-BATRI', 'BT', ''];
    const unitOf = (i: number) => units[i % units.length]!;
    const anyTicket = db.prepare('SELECT id FROM handoff_ticket ORDER BY id LIMIT 1 OFFSET ?').pluck();
    const ticketCount = db.prepare('SELECT COUNT(*) FROM handoff_ticket').pluck();
    const ticket = (i: number) => {
      const n = ticketCount.get() as number;
      return n === 0 ? undefined : (anyTicket.get(i % n) as number);
    };
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        db.transaction(() => {
          for (const c of changes) {
            if (c.table === 'households') {
              const unit = unitOf(c.unit) || 'BT-BATRI-ANDUC';
              const area = AREAS[c.area]!;
              if (c.op === 'upsert')
                db.prepare(
                  `INSERT INTO household_coverage (unit_code, area_key, area_name, visited, with_account, updated_at) VALUES (?, ?, ?, ?, ?, '2023-12-08')
                   ON CONFLICT(unit_code, area_key) DO UPDATE SET visited = excluded.visited, with_account = excluded.with_account`,
                ).run(unit, area, area, c.n, Math.floor(c.n / 3));
              else if (c.op === 'delete')
                db.prepare('DELETE FROM household_coverage WHERE unit_code = ? AND area_key = ?').run(unit, area);
              else
                db.prepare(
                  `UPDATE OR IGNORE household_coverage SET unit_code = ?
                   WHERE area_key = ? AND unit_code = (SELECT MIN(unit_code) FROM household_coverage WHERE area_key = ?)`,
                ).run(unit, area, area);
            } else if (c.table === 'requests') {
              const unit = unitOf(c.unit) || 'BT-BATRI-TANXUAN';
              const day = DAYS[c.day]!;
              const id = ticket(c.unit);
              if (c.op === 'open' || id === undefined) {
                const opened = new Date(`${day}T02:00:00.000Z`).getTime() + c.ms;
                db.prepare(
                  `INSERT INTO handoff_ticket (unit_code, citizen_channel, citizen_external_id, opened_at, opened_day) VALUES (?, 'telegram', 'x', ?, ?)`,
                ).run(unit, new Date(opened).toISOString(), day);
              } else if (c.op === 'answer')
                db.prepare(
                  `UPDATE handoff_ticket SET relayed_count = relayed_count + 1,
                     first_answer_at = CASE WHEN ? AND first_answer_at IS NULL
                       THEN strftime('%Y-%m-%dT%H:%M:%fZ', julianday(opened_at) + ? / 86400000.0) ELSE first_answer_at END
                   WHERE id = ?`,
                ).run(c.ms % 2, c.ms, id);
              else if (c.op === 'rate') db.prepare('UPDATE handoff_ticket SET rating = ? WHERE id = ?').run(c.rating, id);
              else if (c.op === 'move') db.prepare('UPDATE handoff_ticket SET unit_code = ? WHERE id = ?').run(unit, id);
              else if (c.op === 'redate') db.prepare('UPDATE handoff_ticket SET opened_day = ? WHERE id = ?').run(day, id);
              else db.prepare('DELETE FROM handoff_ticket WHERE id = ?').run(id);
            } else {
              const unit = unitOf(c.unit);
              const day = DAYS[c.day]!;
              if (c.op === 'record')
                db.prepare(
                  `INSERT INTO guide_outcome (day, guide, unit_code, outcome, count) VALUES (?, 'hotro', ?, ?, 1)
                   ON CONFLICT(day, guide, unit_code, outcome) DO UPDATE SET count = count + 1`,
                ).run(day, unit, c.outcome);
              else if (c.op === 'delete')
                db.prepare('DELETE FROM guide_outcome WHERE unit_code = ? AND outcome = ?').run(unit, c.outcome);
              else db.prepare('UPDATE OR IGNORE guide_outcome SET day = ? WHERE unit_code = ?').run(day, unit);
            }
          }
        })();
        expectExact(db);
      }),
      { numRuns: 100 },
    );
    await rebuildCommunityRollups(store.sql);
    expectExact(db);
    // A commune moved to another district: every sum above it changes.
    const commune = (await store.units.allUnits()).find((u) => u.code === 'BT-BATRI-ANDUC')!;
    await store.units.saveUnits([{ unit: { ...commune, parentCode: 'BT-TPBENTRE' }, predecessorCodes: [] }]);
    expectExact(db);
    await store.close();
  });
});
