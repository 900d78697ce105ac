// Kysely builds and compiles a query anew on every call; for /tiendo's short indexed
// queries that costs about as much as running them. A query whose SQL depends only on its
// shape is built once here, with placeholders where its arguments go, and each later call
// only swaps the arguments in.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Where a compiled parameter comes from: an argument (by index) or the query's own constant. */
type Slot = { argument: number } | { constant: unknown };

const placeholder = (i: number) => `\u0000arg${i}\u0000`;

/**
 * A query of string arguments compiled on first use and reused after: `build` must give the
 * same SQL for any arguments (no `$if` on them, no lists of varying length), and use each
 * argument only as a value (a parameter), never inside SQL text.
 */
export function reusableQuery<A extends string[], R>(db: Kysely<DB>, build: (...args: A) => Compilable<R>) {
  let compiled: { query: CompiledQuery<R>; slots: Slot[] } | undefined;
  return async (...args: A): Promise<R[]> => {
    if (!compiled) {
      const query = build(...(args.map((_, i) => placeholder(i)) as A)).compile();
      const slots = query.parameters.map((value): Slot => {
        const index = args.findIndex((_, i) => value === placeholder(i));
        if (index >= 0) return { argument: index };
        if (typeof value === 'string' && value.includes('\u0000'))
          throw new Error('an argument of a reusable query was changed, not passed as a value');
        return { constant: value };
      });
      compiled = { query, slots };
    }
    const parameters = compiled.slots.map((slot) => ('argument' in slot ? args[slot.argument] : slot.constant));
    return (await db.executeQuery<R>({ ...compiled.query, parameters })).rows;
  };
}
