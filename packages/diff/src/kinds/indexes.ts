import type { Database, Index, IndexKey, MaterializedView, Table } from "@pgvc/model";
import type { AlterResult, Item, KindDiffer } from "../differ.js";
import { deepEqual } from "../compare.js";
import { canonicalSql, sameExpression } from "../normalize.js";
import { ident, identList, qname } from "../render.js";
import { statement } from "../statement.js";
import { relationChildren, schemaObjects } from "./common.js";
import { renderCollation } from "./columns.js";

/**
 * Indexes of tables and materialized views (not those behind constraints):
 * `index app.orders_idx`. Any change but the comment re-creates the index.
 */
export const indexDiffer: KindDiffer<Index> = {
  kind: "index",

  items(db: Database): Item<Index>[] {
    const tables = schemaObjects<Table>(db, "tables", "table") as Item<Record<string, unknown>>[];
    const views = schemaObjects<MaterializedView>(db, "materializedViews", "materialized view") as Item<Record<string, unknown>>[];
    return [...relationChildren<Index>(tables, "indexes", "index", { schemaLevel: true }), ...relationChildren<Index>(views, "indexes", "index", { schemaLevel: true })];
  },

  create(item, ctx) {
    const existing = !ctx.isCreated(item.parent as string);
    const concurrently = existing && ctx.options.concurrently === true;
    return [
      statement("create", item.ref, renderCreateIndex(item, concurrently), "main", {
        hazards: existing && !concurrently ? ["lock"] : [],
        provides: [item.ref, `${item.parent}#changed`],
        ...(concurrently ? { noTransaction: true } : {}),
      }),
    ];
  },

  drop(item) {
    return [statement("drop", item.ref, `DROP INDEX ${qname(item.schema, item.name)}`, "drop")];
  },

  alter(from, to): AlterResult {
    if (from.parent !== to.parent || !sameIndex(from.value, to.value)) return { rebuild: "the index definition changed" };
    if (Boolean(from.value.cluster) !== Boolean(to.value.cluster) && to.value.cluster) {
      const sql = `ALTER TABLE ${qname(to.schema, to.table as string)} CLUSTER ON ${ident(to.name)}`;
      return [statement("alter", to.ref, sql, "main")];
    }
    return [];
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER INDEX ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item) {
    return { comment: `INDEX ${qname(item.schema, item.name)}` };
  },
};

const indexDefaults: Record<string, unknown> = { unique: false, access_method: "btree", nulls_not_distinct: false };

function sameIndex(a: Index, b: Index): boolean {
  const keys = ["unique", "access_method", "nulls_not_distinct", "include", "tablespace", "options"] as const;
  for (const key of keys) if (!deepEqual(a[key] ?? indexDefaults[key], b[key] ?? indexDefaults[key])) return false;
  if (!sameExpression(a.predicate, b.predicate)) return false;
  return deepEqual(a.keys.map(canonicalKey), b.keys.map(canonicalKey));
}

function canonicalKey(key: IndexKey): unknown {
  if (typeof key === "string") return key;
  const [name, opts] = Object.entries(key)[0] as [string, Record<string, unknown>];
  return { [opts.type === "expression" ? canonicalSql(name) : name]: { ...opts, order: opts.order === "asc" ? undefined : opts.order } };
}

export function renderCreateIndex(item: Item<Index>, concurrently = false): string {
  const x = item.value;
  const parts = [`CREATE ${x.unique ? "UNIQUE " : ""}INDEX ${concurrently ? "CONCURRENTLY " : ""}${ident(item.name)} ON ${qname(item.schema, item.table as string)}`];
  if (x.access_method && x.access_method !== "btree") parts.push(`USING ${ident(x.access_method)}`);
  parts.push(`(${x.keys.map(renderKey).join(", ")})`);
  if (x.include && x.include.length > 0) parts.push(`INCLUDE (${identList(x.include)})`);
  if (x.nulls_not_distinct) parts.push("NULLS NOT DISTINCT");
  if (x.options && x.options.length > 0) parts.push(`WITH (${x.options.join(", ")})`);
  if (x.tablespace) parts.push(`TABLESPACE ${ident(x.tablespace)}`);
  if (x.predicate) parts.push(`WHERE (${x.predicate})`);
  return parts.join(" ");
}

function renderKey(key: IndexKey): string {
  if (typeof key === "string") return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(key) || !/[()\s:]/.test(key) ? ident(key) : `(${key})`;
  const [name, opts] = Object.entries(key)[0] as [string, { type?: string; order?: string; nulls?: string; opclass?: string; collation?: string }];
  const parts = [opts.type === "expression" ? `(${name})` : ident(name)];
  if (opts.collation) parts.push(`COLLATE ${renderCollation(opts.collation)}`);
  if (opts.opclass) parts.push(opts.opclass);
  if (opts.order === "desc") parts.push("DESC");
  if (opts.nulls) parts.push(`NULLS ${opts.nulls.toUpperCase()}`);
  return parts.join(" ");
}
