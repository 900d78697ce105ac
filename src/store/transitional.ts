// TRANSITIONAL (removed when every repository runs on Kysely): async views of the
// synchronous repositories, so callers can move to the async store before its queries do.
import type { Db } from './database.js';

/** Every method of T returning a promise of what it returned. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/** An object whose methods are T's, each returning a promise. */
export function asyncMethods<T extends object>(target: T): Async<T> {
  const out: Record<string, unknown> = {};
  let proto: object | null = target;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (target as Record<string, unknown>)[name];
      if (name === 'constructor' || name in out || typeof value !== 'function') continue;
      out[name] = async (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return out as Async<T>;
}

/** A function of the database, bound to it and returning a promise. */
export function lifted<A extends unknown[], R>(db: Db, f: (db: Db, ...args: A) => R): (...args: A) => Promise<Awaited<R>> {
  return async (...args: A): Promise<Awaited<R>> => await f(db, ...args);
}
