// Ids typed by a person (a CLI argument, a button's text) before they reach a query.

/** Whether `n` can be a row id: a positive whole number within a 32-bit INTEGER column (PostgreSQL's). */
export function isStoredId(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647;
}
