// A store whose repositories answer every call from memory after its first: the same
// results, kept by method and arguments. A page served over it costs what it costs besides
// its queries (the session's checks, the view model, the templates, fastify), which shows
// how much of a page's time is left for its queries under a ratio goal.
import type { Store } from '../../src/store/index.js';

type Method = (...args: unknown[]) => unknown;

function remembering(name: string, repository: object, kept: Map<string, unknown>): object {
  return new Proxy(repository, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        // Functions among the arguments (a period's end) are the same on every call of a page.
        const id = `${name}.${String(key)}(${JSON.stringify(args.filter((a) => typeof a !== 'function'))})`;
        if (!kept.has(id)) kept.set(id, (value as Method).apply(target, args));
        return kept.get(id);
      };
    },
  });
}

export function storeFromMemory<S extends Store>(store: S): S {
  const kept = new Map<string, unknown>();
  const repositories = new Map<PropertyKey, object>();
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      // The repositories only: the connection and the query builder stay as they are.
      if (value === null || typeof value !== 'object' || key === 'db' || key === 'sql') return value;
      if (!repositories.has(key)) repositories.set(key, remembering(String(key), value, kept));
      return repositories.get(key);
    },
  });
}
