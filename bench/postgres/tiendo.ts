// Part 2's /tiendo replies on both engines: the same national tree generated through the
// store on a SQLite file and on a fresh PostgreSQL schema, then the text reply timed for a
// commune, a province and the country on each.
import type { Store } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { generateTree } from '../support/nationalTree.js';
import { withBenchSchema } from '../support/postgresSchemas.js';
import { openTempStore } from '../support/tempStore.js';
import { replyTargets, timeReply, type ReplyTarget } from '../support/progressReply.js';
import type { Timing } from '../support/stats.js';

const UNITS = Number(process.env.BENCH_POSTGRES_TREE_UNITS ?? process.env.BENCH_TREE_UNITS ?? 10_000);

export interface TiendoOnEngine {
  /** Generating the tree through the store, roll-ups and planner statistics included. */
  generatedMs: number;
  rows: number;
  communes: number;
  replies: { level: ReplyTarget['level']; code: string; timing: Timing }[];
}

export interface TiendoOnEngines {
  units: number;
  sqlite: TiendoOnEngine;
  postgres: TiendoOnEngine;
}

async function onStore(store: Store): Promise<TiendoOnEngine> {
  try {
    const t0 = performance.now();
    const tree = await generateTree(store, { units: UNITS, provinces: 63, weeks: 52 });
    const generatedMs = performance.now() - t0;
    const replies = [];
    for (const target of replyTargets(tree))
      replies.push({ level: target.level, code: target.code, timing: await timeReply(store, tree, target) });
    return { generatedMs, rows: tree.rows, communes: tree.communes.length, replies };
  } finally {
    await store.close();
  }
}

export async function measureTiendoOnEngines(url: string): Promise<TiendoOnEngines> {
  return {
    units: UNITS,
    sqlite: await onStore(openTempStore('trolydvc-bench-pg-tiendo-')),
    postgres: await withBenchSchema(url, async (schema) => onStore(await openPostgresStore(url, { schema: schema.name }))),
  };
}
