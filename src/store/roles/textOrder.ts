// Orders rows by text keys (codes, ISO times, role names) in JS, the same on every engine:
// PostgreSQL's ORDER BY follows the database's collation, SQLite's compares bytes.

/** Compares by each key in turn, by UTF-16 code units (byte order for the ASCII codes and times). */
export function byTextKeys<T>(...keys: ((row: T) => string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}
