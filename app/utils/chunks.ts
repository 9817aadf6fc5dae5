/**
 * Splits a list into runs of at most `size`. A multi-row INSERT binds one
 * variable per value and SQLite allows 32,766 per statement, so an import of
 * 10,000 rows is several statements (in one batch, still all or nothing).
 */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
