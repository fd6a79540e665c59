import type { Database, Index, IndexKey, MaterializedView, Table } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer } from "../differ.js";
import { deepEqual } from "../compare.js";
import { canonicalSql, type Expressions } from "../normalize.js";
import { ident, identList, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { itemRef, relationChildren, schemaObjects } from "./common.js";
import { renderCollation } from "./columns.js";
import { adoptedAs, takenAsCopy, takenInsteadOfDropped } from "./partition-copies.js";

/**
 * Indexes of tables and materialized views (not those behind constraints):
 * `index app.orders_idx`. Any change but the comment re-creates the index.
 */
export const indexDiffer: KindDiffer<Index> = {
  kind: "index",
  // An expression index is dropped and built again around a function it calls that is re-created.
  followsDependencies: true,

  items(db: Database, scope: DiffScope): Item<Index>[] {
    const tables = schemaObjects<Table>(scope, db, "tables", "table") as Item<Record<string, unknown>>[];
    const views = schemaObjects<MaterializedView>(scope, db, "materializedViews", "materialized view") as Item<Record<string, unknown>>[];
    return [
      ...relationChildren<Index>(tables, "indexes", "index", { schemaLevel: true }),
      ...relationChildren<Index>(views, "indexes", "index", { schemaLevel: true }),
    ];
  },

  create(item, ctx) {
    const existing = !ctx.isCreated(item.parent as string);
    const concurrently = existing && ctx.options.concurrently === true;
    return [
      statement("create", item.ref, renderCreateIndex(item, concurrently), "main", {
        hazards: existing && !concurrently ? ["lock"] : [],
        // After an ancestor's index of its shape, which would take it for its copy.
        requires: adoptedAs(ctx, ctx.to, item).map((f) => f.ref),
        provides: [item.ref, `${item.parent}#changed`],
        ...(concurrently ? { noTransaction: true } : {}),
      }),
      ...clusterOn(item, item.value.cluster),
    ];
  },

  drop(item, ctx) {
    // A partition's own index that PostgreSQL takes for its copy of the parent's in this change stays.
    if (takenInsteadOfDropped(item, ctx)) return [];
    return [statement("drop", item.ref, `DROP INDEX ${qname(item.schema, item.name)}`, "drop")];
  },

  alter(from, to, ctx): AlterResult {
    if (from.parent !== to.parent || !sameIndex(ctx.expressions, from.value, to.value)) return { rebuild: "the index definition changed" };
    const taken = takenAsCopy(to, ctx);
    if (taken !== undefined) return { rebuild: taken };
    if (Boolean(from.value.cluster) === Boolean(to.value.cluster)) return [];
    if (to.value.cluster) return clusterOn(to, true);
    return [
      statement("alter", to.ref, `ALTER TABLE ${qname(to.schema, to.table as string)} SET WITHOUT CLUSTER`, "main", { provides: [] }),
    ];
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER INDEX ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item) {
    return { comment: `INDEX ${qname(item.schema, item.name)}` };
  },

  // Its columns: an index on a dropped column is dropped before the column.
  dependencyKinds: ["column"],
  dependencies(item) {
    const names = [...item.value.keys.filter((k): k is string => typeof k === "string"), ...(item.value.include ?? [])];
    for (const key of item.value.keys) {
      if (typeof key === "string") continue;
      const [name, opts] = Object.entries(key)[0] as [string, { type?: string }];
      if (opts.type !== "expression") names.push(name);
    }
    return names.map((c) => itemRef("column", String(item.schema), String(item.table), String(c)));
  },
};

const indexDefaults: Record<string, unknown> = { unique: false, access_method: "btree", nulls_not_distinct: false };

function sameIndex(expressions: Expressions, a: Index, b: Index): boolean {
  const keys = ["unique", "access_method", "nulls_not_distinct", "include", "tablespace", "options"] as const;
  for (const key of keys) if (!deepEqual(a[key] ?? indexDefaults[key], b[key] ?? indexDefaults[key])) return false;
  if (!expressions.same(a.predicate, b.predicate)) return false;
  return deepEqual(a.keys.map(canonicalKey), b.keys.map(canonicalKey));
}

export function canonicalKey(key: IndexKey): unknown {
  if (typeof key === "string") return key;
  const [name, opts] = Object.entries(key)[0] as [string, Record<string, unknown>];
  return { [opts.type === "expression" ? canonicalSql(name) : name]: { ...opts, order: opts.order === "asc" ? undefined : opts.order } };
}

/** ALTER TABLE ... CLUSTER ON, for an index or key constraint (`item`) marked `cluster`. */
export function clusterOn(item: Item, cluster: boolean | undefined): Statement[] {
  if (!cluster) return [];
  const sql = `ALTER TABLE ${qname(item.schema, item.table as string)} CLUSTER ON ${ident(item.name)}`;
  return [statement("alter", item.ref, sql, "main", { requires: [item.ref], provides: [] })];
}

export function renderCreateIndex(item: Item<Index>, concurrently = false): string {
  const x = item.value;
  const parts = [
    `CREATE ${x.unique ? "UNIQUE " : ""}INDEX ${concurrently ? "CONCURRENTLY " : ""}${ident(item.name)} ON ${qname(item.schema, item.table as string)}`,
  ];
  parts.push(`USING ${ident(x.access_method ?? "btree")}`);
  parts.push(`(${x.keys.map(renderKey).join(", ")})`);
  if (x.include && x.include.length > 0) parts.push(`INCLUDE (${identList(x.include)})`);
  if (x.nulls_not_distinct) parts.push("NULLS NOT DISTINCT");
  if (x.options && x.options.length > 0) parts.push(`WITH (${x.options.join(", ")})`);
  if (x.tablespace) parts.push(`TABLESPACE ${ident(x.tablespace)}`);
  if (x.predicate) parts.push(`WHERE ${parenthesized(x.predicate)}`);
  return parts.join(" ");
}

function renderKey(key: IndexKey): string {
  if (typeof key === "string") return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(key) || !/[()\s:]/.test(key) ? ident(key) : renderExpressionKey(key);
  const [name, opts] = Object.entries(key)[0] as [
    string,
    { type?: string; order?: string; nulls?: string; opclass?: string; collation?: string },
  ];
  const parts = [opts.type === "expression" ? renderExpressionKey(name) : ident(name)];
  if (opts.collation) parts.push(`COLLATE ${renderCollation(opts.collation)}`);
  if (opts.opclass) parts.push(opts.opclass);
  if (opts.order === "desc") parts.push("DESC");
  if (opts.nulls) parts.push(`NULLS ${opts.nulls.toUpperCase()}`);
  return parts.join(" ");
}

/**
 * An expression key as pg_get_indexdef writes it: a function call bare,
 * anything else in parentheses, an operator expression in two (its own and
 * the key's), so that generated SQL reads like the server's.
 */
export function renderExpressionKey(text: string): string {
  const inner = stripOuterParens(text.trim());
  if (/^[A-Za-z_][\w.]*\(.*\)$/s.test(inner) && balancedParens(inner.slice(inner.indexOf("(") + 1, -1))) return inner;
  return hasTopLevelOperator(inner) ? `((${inner}))` : `(${inner})`;
}

function parenthesized(text: string): string {
  const t = text.trim();
  return t.startsWith("(") && t.endsWith(")") && balancedParens(t.slice(1, -1)) ? t : `(${t})`;
}

function stripOuterParens(text: string): string {
  let t = text;
  while (t.startsWith("(") && t.endsWith(")") && balancedParens(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

function balancedParens(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && --depth < 0) return false;
  }
  return depth === 0;
}

/** An operator or keyword operator outside brackets and quotes: `a + 1`, `x IS NULL`. */
function hasTopLevelOperator(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  let top = "";
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (depth === 0) top += ch;
  }
  return /[-+*/<>=%|&^~!@#]|\b(IS|AND|OR|NOT|LIKE|ILIKE|IN|BETWEEN|COLLATE)\b/i.test(top.replace(/::/g, ""));
}
