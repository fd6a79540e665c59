/**
 * Structural equality of model values (plain JSON data); an attribute set
 * to `undefined` equals an absent one. Allocates nothing: a large diff
 * compares every object of both models.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const key in ao) if (Object.hasOwn(ao, key) && !deepEqual(ao[key], bo[key])) return false;
  for (const key in bo) if (Object.hasOwn(bo, key) && !Object.hasOwn(ao, key) && !deepEqual(ao[key], bo[key])) return false;
  return true;
}

/**
 * Equal as data and written alike: same keys in the same order at every
 * level. Whatever is computed from one value is then computed from the
 * other too, however it walks them.
 */
export function identicalValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const key = ka[i] as string;
    if (key !== kb[i] || !identicalValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Whether `visit` holds for every key of `a`, then for every key only `b` has (a union of keys, without building it). */
export function everyKey(a: object, b: object, visit: (key: string) => boolean): boolean {
  for (const key in a) if (Object.hasOwn(a, key) && !visit(key)) return false;
  for (const key in b) if (Object.hasOwn(b, key) && !Object.hasOwn(a, key) && !visit(key)) return false;
  return true;
}

/** Attributes every kind shares that the engine compares itself (or that carry no state). */
export const genericKeys = ["description", "owner", "privileges", "oldname", "depends_on"] as const;

/**
 * Compare two objects' attributes, leaving out `ignore` and treating an
 * absent attribute as its declared default.
 */
export function sameAttributes(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  options: { ignore?: readonly string[]; defaults?: Readonly<Record<string, unknown>> } = {},
): boolean {
  const ignore = new Set<string>([...genericKeys, ...(options.ignore ?? [])]);
  const defaults = options.defaults ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (ignore.has(key)) continue;
    if (!deepEqual(a[key] ?? defaults[key], b[key] ?? defaults[key])) return false;
  }
  return true;
}

/** The attribute names whose values differ (defaults applied), for messages and differs. */
export function changedAttributes(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  defaults: Readonly<Record<string, unknown>> = {},
): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((key) => !deepEqual(a[key] ?? defaults[key], b[key] ?? defaults[key]));
}
