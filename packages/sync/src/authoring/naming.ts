import { UsageError } from "@pgvc/core";

/** A migration name as every supported tool accepts it in a file name: lower-case words joined by `_`. */
export function migrationSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug === "") {
    throw new UsageError(`migration name ${JSON.stringify(name)} has no letters or digits`, {
      hints: ["give a short description such as add_order_note"],
    });
  }
  return slug.slice(0, 80);
}

/** `20261204153000`: the UTC timestamp dbmate, golang-migrate and Prisma use as a version. */
export function timestampVersion(now: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds()]
    .map((n, i) => pad(n, i === 0 ? 4 : 2))
    .join("");
}

/**
 * The next timestamp version: now, or one past the newest existing version
 * when the clock is behind it (two migrations written in the same second, a
 * colleague's clock ahead), so the new migration always sorts last.
 */
export function nextTimestamp(existing: readonly string[], now: Date): string {
  const candidate = timestampVersion(now);
  const newest = existing.filter((v) => /^\d+$/.test(v)).reduce((a, b) => (compareNumeric(a, b) >= 0 ? a : b), "0");
  return compareNumeric(candidate, newest) > 0 ? candidate : (BigInt(newest) + 1n).toString();
}

/**
 * The next sequential version after `existing`, written with the width the
 * existing ones use (`0007` after `0006`), `width` digits when there are none.
 */
export function nextSequence(existing: readonly string[], width: number): string {
  const numbers = existing.filter((v) => /^\d+$/.test(v));
  if (numbers.length === 0) return "1".padStart(width, "0");
  const newest = numbers.reduce((a, b) => (compareNumeric(a, b) >= 0 ? a : b));
  const padded = numbers.every((v) => v.length === newest.length) && newest.startsWith("0") ? newest.length : 0;
  return (BigInt(newest) + 1n).toString().padStart(padded, "0");
}

function compareNumeric(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
