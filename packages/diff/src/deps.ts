import { parseRef, type Database } from "@pgvc/model";
import type { DiffScope, Item, KindDiffer } from "./differ.js";
import { genericKeys } from "./compare.js";

/**
 * The dependencies of an object as the engine infers them: its recorded
 * ones (`db.dependencies`, from pg_depend), `depends_on`, and every
 * schema-qualified name in its text (column types, defaults, view bodies,
 * `nextval('app.seq'::regclass)`) that names an object of either model.
 */
export class DependencyIndex {
  /**
   * `app` -> `orders` -> references of objects with that qualified name (a
   * short list: usually one, the same on both sides). Keyed in two levels so
   * that neither building nor probing it joins strings.
   */
  private readonly byName = new Map<string, Map<string, string[]>>();
  private readonly cache = { from: new Map<string, string[]>(), to: new Map<string, string[]>() };

  constructor(
    items: Iterable<Item>,
    private readonly scope: DiffScope,
  ) {
    for (const item of items) {
      if (item.schema === undefined || item.table !== undefined || item.kind === "schema") continue;
      const name = item.name.includes("(") ? item.name.replace(/\(.*$/s, "") : item.name;
      this.add(item.schema, name, item.ref);
      // A range type brings its multirange, which columns may name.
      const range = item.value as { subtype?: string; multirange_type_name?: string };
      if (item.kind === "type" && range.subtype !== undefined) {
        this.add(item.schema, range.multirange_type_name ?? multirangeName(item.name), item.ref);
      }
    }
  }

  private add(schema: string, name: string, ref: string): void {
    let names = this.byName.get(schema);
    if (!names) this.byName.set(schema, (names = new Map()));
    const list = names.get(name);
    if (!list) names.set(name, [ref]);
    else if (!list.includes(ref)) list.push(ref);
  }

  /** `side` picks the cache: the same reference may differ between the two models. */
  dependencies(item: Item, differ: KindDiffer, db: Database, side: "from" | "to"): string[] {
    const cache = this.cache[side];
    const cached = cache.get(item.ref);
    if (cached) return cached;
    const deps = new Set<string>(db.dependencies?.[item.ref] ?? []);
    this.forEachNamed(item, (ref) => deps.add(ref));
    for (const ref of differ.dependencies?.(item, db, this.scope) ?? []) deps.add(ref);
    deps.delete(item.ref);
    if (item.parent !== undefined) deps.delete(item.parent);
    const list = [...deps];
    cache.set(item.ref, list);
    return list;
  }

  /** The inferred dependencies that need no differ: names in the text, and `depends_on`; each as found (repeats, itself, its parent). */
  forEachNamed(item: Item, visit: (ref: string) => void): void {
    forEachQualifiedName(item.value, skipped(item), (schema, name) => {
      const refs = this.byName.get(schema)?.get(name);
      if (refs) for (const ref of refs) visit(ref);
    });
    const dependsOn = (item.value as { depends_on?: string[] }).depends_on;
    if (dependsOn) for (const text of dependsOn) visit(qualifyRef(text, item.schema));
  }
}

/** Kinds whose values hold children that are items of their own (a domain's checks are its own). */
const childrenKinds = new Set(["table", "view", "materialized view", "foreign table"]);

const ownCollections = new Set(genericKeys);
const ownCollectionsAndBody = new Set([...genericKeys, "source"]);

/**
 * The attributes whose names are not the item's own needs: its children's,
 * and a routine's body unless PostgreSQL parses it at CREATE (`BEGIN
 * ATOMIC`, `RETURN`); other bodies are not checked when created (see
 * `uncheckedBodies`), and naming a table there records no dependency.
 */
function skipped(item: Item): ReadonlySet<string> {
  if (childrenKinds.has(item.kind)) return childCollections;
  const source = (item.value as { source?: unknown }).source;
  if (typeof source === "string" && !atomicBody.test(source)) return ownCollectionsAndBody;
  return ownCollections;
}

const atomicBody = /^\s*(?:BEGIN\s+ATOMIC\b|RETURN\b)/i;

/** Attributes of a relation that hold its children: scanned as the children themselves. */
const childCollections = new Set([
  ...genericKeys,
  "indexes",
  "triggers",
  "rules",
  "policies",
  "statistics",
  "foreign_keys",
  "primary_key",
  "unique_constraints",
  "check_constraints",
  "exclusion_constraints",
  "columns_privileges",
]);

const namePart = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
const qualified = new RegExp(`(?<![A-Za-z0-9_$."])(${namePart})\\.(${namePart})`, "g");

function unquote(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part.toLowerCase() === part ? part : part.toLowerCase();
}

/** Every `schema.name` written in the string attributes of a value. */
export function qualifiedNamesIn(value: unknown, skip: ReadonlySet<string>, out = new Set<string>()): Set<string> {
  forEachQualifiedName(value, skip, (schema, name) => out.add(`${schema}.${name}`));
  return out;
}

/** Each `schema.name` written in the string attributes of a value, unquoted, as found (repeats included). */
function forEachQualifiedName(value: unknown, skip: ReadonlySet<string>, visit: (schema: string, name: string) => void): void {
  if (typeof value === "string") {
    // Most strings (column names, types) hold no dot: skip the regular expression.
    if (!value.includes(".")) return;
    for (const match of value.matchAll(qualified)) visit(unquote(match[1] as string), unquote(match[2] as string));
  } else if (Array.isArray(value)) {
    for (const v of value) forEachQualifiedName(v, skip, visit);
  } else if (value !== null && typeof value === "object") {
    for (const key in value) {
      if (!Object.hasOwn(value, key) || skip.has(key)) continue;
      const v = (value as Record<string, unknown>)[key];
      // A collation is written schema.name with the name as it is (`app.de-phonebook`), never in quotes.
      if (key === "collation" && typeof v === "string" && v.includes(".") && !v.includes('"'))
        visit(v.slice(0, v.indexOf(".")), v.slice(v.indexOf(".") + 1));
      else forEachQualifiedName(v, skip, visit);
    }
  }
}

/** A `depends_on` entry (`table orders`, `function app.f(integer)`) as a full reference. */
function qualifyRef(text: string, schema: string | undefined): string {
  try {
    const ref = parseRef(text);
    if (ref.schema === undefined && schema !== undefined && ref.kind !== "schema" && ref.kind !== "extension") {
      return `${ref.kind} ${schema}.${ref.name}`;
    }
    return text;
  } catch {
    return text;
  }
}

/** PostgreSQL's default multirange name: "multi" before the first "range", else "_multirange" appended. */
function multirangeName(range: string): string {
  return range.includes("range") ? range.replace("range", "multirange") : `${range}_multirange`;
}
