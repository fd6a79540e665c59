import type { Database, Schema } from "@pgvc/model";
import type { Item } from "../differ.js";

/**
 * Items of one schema-level collection (`tables`, `views`, `functions`)
 * across all schemas, sorted by schema then name: the building block of
 * most differs' `items`.
 */
export function schemaObjects<T>(db: Database, field: keyof Schema, kind: string): Item<T>[] {
  const out: Item<T>[] = [];
  for (const schema of Object.keys(db.schemas).sort()) {
    const collection = db.schemas[schema]?.[field] as Record<string, T> | undefined;
    if (!collection || typeof collection !== "object") continue;
    for (const name of Object.keys(collection).sort()) {
      out.push({ ref: `${kind} ${schema}.${name}`, kind, schema, name, parent: `schema ${schema}`, value: collection[name] as T });
    }
  }
  return out;
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
      const path = options.schemaLevel ? `${rel.schema}.${name}` : `${rel.schema}.${rel.name}.${name}`;
      out.push({ ref: `${kind} ${path}`, kind, schema: rel.schema, table: rel.name, name, parent: rel.ref, value: children[name] as T });
    }
  }
  return out;
}
