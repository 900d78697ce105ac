// The community roll-ups (migration 014) follow their tables by triggers; when the unit
// tree itself changes, every subtree sum changes with it and they are rebuilt, as the
// statistics roll-up is. The households' and guides' sums are plain SQL; a request's wait
// is a difference of two ISO times, which SQL cannot take the same way on every engine,
// so those sums are made here from the tickets' times.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Rows per INSERT: 8 columns each, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

const ISO_TIME = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?$/;

/** Milliseconds of an ISO time (what every writer here stores, UTC when no zone is given); undefined where julianday() gives NULL. */
function isoMs(time: string | null): number | undefined {
  const match = time === null ? null : ISO_TIME.exec(time);
  if (!time || !match) return undefined;
  const hasTime = time.length > 10;
  const ms = Date.parse(`${time.replace(' ', 'T')}${hasTime && !match[1] ? 'Z' : ''}`);
  return Number.isNaN(ms) ? undefined : ms;
}

interface HandoffSums {
  opened: number;
  answered: number;
  waited: number;
  waitMs: number;
  rated: number;
  ratingSum: number;
}

async function rebuildHouseholds(db: Executor): Promise<void> {
  await db.deleteFrom('household_coverage_rollup').execute();
  await db
    .insertInto('household_coverage_rollup')
    .columns(['ancestor_code', 'communes', 'units_recorded', 'visited', 'with_account'])
    .expression(
      db
        .selectFrom('unit_closure as c')
        .innerJoin('unit as u', 'u.code', 'c.descendant_code')
        .leftJoin(
          (eb) =>
            eb
              .selectFrom('household_coverage')
              .select((e) => [
                'unit_code',
                e.fn.sum<number>('visited').as('visited'),
                e.fn.sum<number>('with_account').as('with_account'),
              ])
              .groupBy('unit_code')
              .as('h'),
          (join) => join.onRef('h.unit_code', '=', 'c.descendant_code'),
        )
        .select((eb) => [
          'c.ancestor_code',
          eb.fn.sum<number>(eb.case().when('u.kind', '=', 'commune').then(1).else(0).end()).as('communes'),
          eb.fn.count<number>('h.unit_code').as('units_recorded'),
          eb.fn.coalesce(eb.fn.sum<number>('h.visited'), eb.lit(0)).as('visited'),
          eb.fn.coalesce(eb.fn.sum<number>('h.with_account'), eb.lit(0)).as('with_account'),
        ])
        .groupBy('c.ancestor_code'),
    )
    .execute();
}

async function rebuildHandoff(db: Executor): Promise<void> {
  await db.deleteFrom('handoff_rollup').execute();
  // Per unit and day: the counts in SQL, the waits from the answered tickets' times.
  const perUnitDay = new Map<string, { unitCode: string; day: string; sums: HandoffSums }>();
  const keyOf = (unitCode: string, day: string) => JSON.stringify([unitCode, day]);
  const counted = await db
    .selectFrom('handoff_ticket')
    .select((eb) => [
      'unit_code',
      'opened_day',
      eb.fn.countAll<number>().as('opened'),
      eb.fn.count<number>('first_answer_at').as('answered'),
      eb.fn.count<number>('rating').as('rated'),
      eb.fn.coalesce(eb.fn.sum<number>('rating'), eb.lit(0)).as('rating_sum'),
    ])
    .groupBy(['unit_code', 'opened_day'])
    .execute();
  for (const r of counted)
    perUnitDay.set(keyOf(r.unit_code, r.opened_day), {
      unitCode: r.unit_code,
      day: r.opened_day,
      sums: {
        opened: Number(r.opened),
        answered: Number(r.answered),
        waited: 0,
        waitMs: 0,
        rated: Number(r.rated),
        ratingSum: Number(r.rating_sum),
      },
    });
  const answered = await db
    .selectFrom('handoff_ticket')
    .select(['unit_code', 'opened_day', 'opened_at', 'first_answer_at'])
    .where('first_answer_at', 'is not', null)
    .execute();
  for (const t of answered) {
    const from = isoMs(t.opened_at);
    const to = isoMs(t.first_answer_at);
    const entry = perUnitDay.get(keyOf(t.unit_code, t.opened_day));
    if (from === undefined || to === undefined || !entry) continue;
    entry.sums.waited++;
    entry.sums.waitMs += to - from;
  }
  if (perUnitDay.size === 0) return;

  // Each unit's sums go to every unit above it (itself included).
  const closure = await db
    .selectFrom('unit_closure')
    .select(['ancestor_code', 'descendant_code'])
    .where('descendant_code', 'in', (eb) => eb.selectFrom('handoff_ticket').select('unit_code').distinct())
    .execute();
  const ancestorsOf = new Map<string, string[]>();
  for (const c of closure) ancestorsOf.set(c.descendant_code, [...(ancestorsOf.get(c.descendant_code) ?? []), c.ancestor_code]);
  const rolled = new Map<string, { ancestor: string; day: string; sums: HandoffSums }>();
  for (const { unitCode, day, sums } of perUnitDay.values())
    for (const ancestor of ancestorsOf.get(unitCode) ?? []) {
      const key = keyOf(ancestor, day);
      const into = rolled.get(key) ?? {
        ancestor,
        day,
        sums: { opened: 0, answered: 0, waited: 0, waitMs: 0, rated: 0, ratingSum: 0 },
      };
      for (const k of Object.keys(sums) as (keyof HandoffSums)[]) into.sums[k] += sums[k];
      rolled.set(key, into);
    }
  const rows = [...rolled.values()].map(({ ancestor, day, sums }) => ({
    ancestor_code: ancestor,
    opened_day: day,
    opened: sums.opened,
    answered: sums.answered,
    waited: sums.waited,
    wait_ms: sums.waitMs,
    rated: sums.rated,
    rating_sum: sums.ratingSum,
  }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('handoff_rollup')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

async function rebuildGuideOutcomes(db: Executor): Promise<void> {
  await db.deleteFrom('guide_outcome_rollup').execute();
  await db
    .insertInto('guide_outcome_rollup')
    .columns(['ancestor_code', 'day', 'outcome', 'count'])
    .expression(
      db
        .selectFrom('unit_closure as c')
        .innerJoin('guide_outcome as g', 'g.unit_code', 'c.descendant_code')
        .select((eb) => ['c.ancestor_code', 'g.day', 'g.outcome', eb.fn.sum<number>('g.count').as('count')])
        .groupBy(['c.ancestor_code', 'g.day', 'g.outcome']),
    )
    .execute();
}

/** Rebuilds the community roll-ups from their tables; pass the transaction that changed the unit tree (its closure). */
export async function rebuildCommunityRollups(db: Executor): Promise<void> {
  await rebuildHouseholds(db);
  await rebuildHandoff(db);
  await rebuildGuideOutcomes(db);
}
