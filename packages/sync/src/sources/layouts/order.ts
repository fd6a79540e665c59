/** Orders of migration names, as the tools sort them. */

/** Byte order of the names (what Go's `<` on strings and JavaScript's `<` agree on for ASCII names). */
export function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two digit runs by value: `2` before `10`, `01` the same as `1`. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return codeUnitCompare(x, y);
}

/**
 * Natural order: runs of digits compare as numbers, the rest character by
 * character (`2_b.sql` before `10_a.sql`); names equal that way fall back to
 * plain order so the result is total.
 */
export function naturalCompare(a: string, b: string): number {
  const xs = a.match(/\d+|\D+/g) ?? [];
  const ys = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i] ?? "";
    const y = ys[i] ?? "";
    const digits = /^\d/.test(x) && /^\d/.test(y);
    const order = digits ? compareDigits(x, y) : codeUnitCompare(x, y);
    if (order !== 0) return order;
  }
  return xs.length - ys.length || codeUnitCompare(a, b);
}

/**
 * Flyway's version order: parts separated by `.` or `_`, compared as
 * numbers one by one, a missing part counting as 0 (so 1.10 is after 1.9,
 * and 1 and 1.0 are the same version).
 */
export function flywayVersionCompare(a: string, b: string): number {
  const xs = a.split(/[._]/).map((p) => BigInt(p));
  const ys = b.split(/[._]/).map((p) => BigInt(p));
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const x = xs[i] ?? 0n;
    const y = ys[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
