// PostgreSQL's migration 017 makes the flood guard's shared counts. One process on an SQLite
// file counts in memory (src/store/coordination/floodCounts.ts), so here the step only keeps
// the two engines' migration lists in step.
export default {
  version: 17,
  name: 'flood_count',
  sql: `SELECT 1;`,
};
