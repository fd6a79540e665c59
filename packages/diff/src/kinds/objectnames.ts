import { ident, qname, splitDotted } from "../render.js";

/**
 * Helpers for the rarer kinds, whose values name other objects as
 * introspection writes them: `name` for pg_catalog, `schema.name` otherwise.
 */

/** A value naming an object (`english_stem`, `app.st`) as SQL: the bare form is pg_catalog's. */
export function catalogName(text: string): string {
  const parts = splitDotted(text);
  return parts.length >= 2 ? qname(parts[0], parts.slice(1).join(".")) : qname("pg_catalog", text);
}

/** The same name as introspection writes it: `pg_catalog.simple` is `simple`. */
export function sameCatalogName(a: string | undefined, b: string | undefined): boolean {
  const bare = (n: string | undefined) => n?.replace(/^(pg_catalog|"pg_catalog")\./, "").replace(/^"(.*)"$/, "$1");
  return bare(a) === bare(b);
}

/**
 * A copy of a model value with `pg_catalog.` taken off the front of every
 * string in it (`pg_catalog.int4pl` is `int4pl`), for comparing hand-written
 * YAML with what introspection writes.
 */
export function withoutCatalogPrefix<T>(value: T): T {
  if (typeof value === "string") return value.replace(/^pg_catalog\./, "") as T;
  if (Array.isArray(value)) return value.map(withoutCatalogPrefix) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutCatalogPrefix(v)])) as T;
  }
  return value;
}

/** `name(args)` (a model key) split into the name and the argument text. */
export function splitSignature(key: string): { name: string; args: string } {
  const open = key.indexOf("(");
  if (open < 0) return { name: key, args: "" };
  return { name: key.slice(0, open), args: key.slice(open + 1, key.lastIndexOf(")")) };
}

/** `name using am` (operator class and family keys). */
export function splitUsing(key: string): { name: string; method: string } {
  const at = key.lastIndexOf(" using ");
  return at < 0 ? { name: key, method: "btree" } : { name: key.slice(0, at), method: key.slice(at + 7) };
}

/** `key=value` option lists (wrappers, servers, user mappings, foreign tables) as a map. */
export function optionMap(options: readonly string[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const option of options ?? []) {
    const eq = option.indexOf("=");
    if (eq < 0) map.set(option, "");
    else map.set(option.slice(0, eq), option.slice(eq + 1));
  }
  return map;
}

/** ` OPTIONS (k 'v', ...)` for CREATE, empty when there are none. */
export function createOptions(options: readonly string[] | undefined, quote: (v: string) => string): string {
  const map = optionMap(options);
  if (map.size === 0) return "";
  return ` OPTIONS (${[...map].map(([k, v]) => `${ident(k)} ${quote(v)}`).join(", ")})`;
}

/** ` OPTIONS (ADD k 'v', SET k 'v', DROP k)` turning `from` into `to`, empty when equal. */
export function alterOptions(from: readonly string[] | undefined, to: readonly string[] | undefined, quote: (v: string) => string): string {
  const a = optionMap(from);
  const b = optionMap(to);
  const actions: string[] = [];
  for (const key of a.keys()) if (!b.has(key)) actions.push(`DROP ${ident(key)}`);
  for (const [key, value] of b) {
    if (!a.has(key)) actions.push(`ADD ${ident(key)} ${quote(value)}`);
    else if (a.get(key) !== value) actions.push(`SET ${ident(key)} ${quote(value)}`);
  }
  return actions.length === 0 ? "" : ` OPTIONS (${actions.join(", ")})`;
}
