import type { Cast, Database } from "@pgvc/model";
import type { AlterResult, Item, KindDiffer, SqlTarget } from "../differ.js";
import { sameAttributes } from "../compare.js";
import { splitDotted } from "../render.js";
import { statement } from "../statement.js";
import { withoutCatalogPrefix } from "./objectnames.js";

/**
 * Casts: `cast (app.mood as integer)`, keyed by their source and target
 * types (SQL type names as format_type writes them). A cast cannot be
 * altered: any change drops and creates it.
 */
export const castDiffer: KindDiffer<Cast> = {
  kind: "cast",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items(db: Database): Item<Cast>[] {
    const casts = db.casts ?? {};
    return Object.keys(casts)
      .sort()
      .map((name) => ({ ref: `cast ${name}`, kind: "cast", name, value: casts[name] as Cast }));
  },
  create(item) {
    const c = item.value;
    const how = c.method === "inout" ? "WITH INOUT" : c.method === "binary" ? "WITHOUT FUNCTION" : `WITH FUNCTION ${c.function ?? ""}`;
    const context = c.context === "assignment" ? " AS ASSIGNMENT" : c.context === "implicit" ? " AS IMPLICIT" : "";
    return [statement("create", item.ref, `CREATE CAST ${castTypes(item.name)} ${how}${context}`, "main")];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP CAST ${castTypes(item.name)}`, "drop")];
  },
  alter(from, to): AlterResult {
    return sameAttributes(withoutCatalogPrefix(from.value), withoutCatalogPrefix(to.value)) ? [] : { rebuild: "a cast cannot be altered" };
  },
  target: (item): SqlTarget => ({ comment: `CAST ${castTypes(item.name)}` }),
  /** The source and target types, when they are the model's (types, domains, tables' row types). */
  dependencies(item, db) {
    const { source, target } = splitCast(item.name);
    const deps: string[] = [];
    for (const type of [source, target]) {
      const parts = splitDotted(type.replace(/\[\]$/, ""));
      if (parts.length !== 2) continue;
      const [schema, name] = parts as [string, string];
      const s = db.schemas[schema];
      if (s?.types?.[name]) deps.push(`type ${schema}.${name}`);
      if (s?.domains?.[name]) deps.push(`domain ${schema}.${name}`);
      if (s?.tables?.[name]) deps.push(`table ${schema}.${name}`);
    }
    return deps;
  },
};

/** `(text as app.mood)` → source `text`, target `app.mood`. */
export function splitCast(key: string): { source: string; target: string } {
  const inner = key.trim().replace(/^\(/, "").replace(/\)$/, "");
  const at = inner.toLowerCase().indexOf(" as ");
  return { source: inner.slice(0, at).trim(), target: inner.slice(at + 4).trim() };
}

function castTypes(key: string): string {
  const { source, target } = splitCast(key);
  return `(${source} AS ${target})`;
}
