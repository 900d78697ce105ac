// Unit names in Vietnamese alphabetical order (A Ă Â B C D Đ E Ê …), whatever language the
// reader chose: the names are Vietnamese. The database's own order is by bytes, which puts
// Đ after Z (and differs between SQLite and PostgreSQL), so lists are ordered here.
const vietnamese = new Intl.Collator('vi');

export function compareUnitNames(a: string, b: string): number {
  return vietnamese.compare(a, b);
}
