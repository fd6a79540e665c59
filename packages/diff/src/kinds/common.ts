import type { Database, Schema } from "@pgvc/model";
import type { DiffScope, Item } from "../differ.js";

/**
 * Items of one schema-level collection (`tables`, `views`, `functions`)
 * across all schemas, sorted by schema then name: the building block of
 * most differs' `items`. The tables of a model are listed by eight differs
 * (tables, columns, constraints, indexes, triggers, rules, policies,
 * statistics): each list is made once per diff and kept in its scope.
 */
export function schemaObjects<T>(scope: DiffScope, db: Database, field: keyof Schema, kind: string): Item<T>[] {
  return scope.memo(db, `objects\u0000${field}\u0000${kind}`, () => {
    const out: Item<T>[] = [];
    for (const schema of Object.keys(db.schemas).sort()) {
      const collection = db.schemas[schema]?.[field] as Record<string, T> | undefined;
      if (!collection || typeof collection !== "object") continue;
      const parent = itemRef("schema", schema);
      for (const name of Object.keys(collection).sort()) {
        out.push({ ref: itemRef(kind, schema, name), kind, schema, name, parent, value: collection[name] as T });
      }
    }
    return out;
  });
}

/**
 * Children kept in a map on a relation (`indexes`, `triggers`, `policies`):
 * one item per entry, `KIND schema.table.name` unless `schemaLevel` (index
 * names live in the schema: `index app.orders_idx`).
 */
export function relationChildren<T>(
  relations: readonly Item<Record<string, unknown>>[],
  key: string,
  kind: string,
  options: { schemaLevel?: boolean } = {},
): Item<T>[] {
  const out: Item<T>[] = [];
  for (const rel of relations) {
    const children = rel.value[key] as Record<string, T> | undefined;
    if (!children) continue;
    for (const name of Object.keys(children).sort()) {
      const ref = options.schemaLevel ? itemRef(kind, rel.schema as string, name) : itemRef(kind, rel.schema as string, rel.name, name);
      out.push({ ref, kind, schema: rel.schema, table: rel.name, name, parent: rel.ref, value: children[name] as T });
    }
  }
  return out;
}

/**
 * An item's reference, `KIND schema[.name[.child]]`. Joined, not written as
 * a template literal: V8 makes a joined string flat, while concatenation
 * builds a rope, which the engine's maps hash and compare several times
 * slower (a large diff looks up hundreds of thousands of references).
 */
export function itemRef(kind: string, schema: string, name?: string, child?: string): string {
  const parts = [kind, " ", schema];
  if (name !== undefined) parts.push(".", name);
  if (child !== undefined) parts.push(".", child);
  return parts.join("");
}
