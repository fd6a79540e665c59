import type { Database, MaterializedView, View } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { deepEqual } from "../compare.js";
import { ident, literal, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { storageChange } from "./columns.js";

/**
 * Views and materialized views. A changed body re-creates the view (drop,
 * then create) rather than CREATE OR REPLACE, which can only append
 * columns; the engine re-creates the views that select from it too, with
 * their comments and grants.
 */
function viewKind(kind: "view" | "materialized view"): KindDiffer<View | MaterializedView> {
  const keyword = kind === "view" ? "VIEW" : "MATERIALIZED VIEW";
  return {
    kind,
    followsDependencies: true,

    items(db: Database, scope: DiffScope) {
      return schemaObjects<View | MaterializedView>(scope, db, kind === "view" ? "views" : "materializedViews", kind);
    },

    create(item) {
      return [...createView(item, keyword), ...columnComments(item, undefined), ...columnSettings(item, undefined)];
    },

    drop(item) {
      return [statement("drop", item.ref, `DROP ${keyword} ${qname(item.schema, item.name)}`, "drop")];
    },

    alter(from, to, ctx): AlterResult {
      const a = from.value as MaterializedView;
      const b = to.value as MaterializedView;
      if (!ctx.expressions.same(a.definition, b.definition)) return { rebuild: "the view's query changed" };
      if (
        a.columns &&
        b.columns &&
        !deepEqual(
          a.columns.map((c) => [c.name, c.type]),
          b.columns.map((c) => [c.name, c.type]),
        )
      ) {
        return { rebuild: "the view's columns changed" };
      }
      if ((a.with_data ?? true) !== (b.with_data ?? true) || (a.tablespace ?? "") !== (b.tablespace ?? "")) {
        return { rebuild: "the materialized view's storage changed" };
      }
      return [...alterOptions(to, keyword, a.options ?? [], b.options ?? []), ...columnComments(to, a), ...columnSettings(to, a)];
    },

    rename(from, to) {
      return [statement("rename", to.ref, `ALTER ${keyword} ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
    },

    target(item): SqlTarget {
      const name = `${keyword} ${qname(item.schema, item.name)}`;
      return { comment: name, owner: name, grant: `TABLE ${qname(item.schema, item.name)}`, privilegeType: "table" };
    },
  };
}

export const viewDiffer = viewKind("view");
export const materializedViewDiffer = viewKind("materialized view");

/**
 * A view that selects from itself (PostgreSQL takes it through CREATE OR
 * REPLACE, and refuses it only when queried) is made as pg_dump makes it: a
 * placeholder with its columns (the query may read them; none is a valid
 * select list), then replaced by its query.
 */
function createView(item: Item<View | MaterializedView>, keyword: string): Statement[] {
  const columns = item.value.columns ?? [];
  if (keyword !== "VIEW" || !readsItself(item)) return [statement("create", item.ref, renderCreateView(item, keyword), "main")];
  const placeholder = `CREATE VIEW ${qname(item.schema, item.name)} AS\nSELECT ${columns.map((c) => `NULL::${c.type} AS ${ident(c.name)}`).join(", ")}`;
  return [
    statement("create", item.ref, placeholder, "main"),
    statement("create", item.ref, renderCreateView(item, keyword, "OR REPLACE "), "main"),
  ];
}

/** Whether the view's query names the view (schema-qualified, as pg_get_viewdef writes it). */
function readsItself(item: Item<View | MaterializedView>): boolean {
  const name = qname(item.schema, item.name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w."])${name}($|[^\\w"])`).test(item.value.definition);
}

function renderCreateView(item: Item<View | MaterializedView>, keyword: string, orReplace = ""): string {
  const v = item.value as MaterializedView;
  const body = v.definition.trim().replace(/;\s*$/, "");
  const options = v.options && v.options.length > 0 ? ` WITH (${v.options.join(", ")})` : "";
  const tablespace = v.tablespace ? ` TABLESPACE ${ident(v.tablespace)}` : "";
  const data = keyword === "VIEW" ? "" : v.with_data === false ? " WITH NO DATA" : " WITH DATA";
  return `CREATE ${orReplace}${keyword} ${qname(item.schema, item.name)}${options}${tablespace} AS\n${body}${data}`;
}

/** COMMENT ON COLUMN for the view's columns whose comment differs from `before`'s (none for a new view). */
function columnComments(item: Item<View | MaterializedView>, before: View | undefined): Statement[] {
  const old = new Map((before?.columns ?? []).map((c) => [c.name, c.description]));
  return (item.value.columns ?? [])
    .filter((c) => c.description !== old.get(c.name))
    .map((c) => {
      const text = c.description === undefined ? "NULL" : literal(c.description);
      const sql = `COMMENT ON COLUMN ${qname(item.schema, item.name)}.${ident(c.name)} IS ${text}`;
      return statement("comment", item.ref, sql, "main", { requires: [item.ref], provides: [] });
    });
}

/** A materialized view's column statistics targets and storage, from `before`'s (none for a new one). */
function columnSettings(item: Item<View | MaterializedView>, before: View | undefined): Statement[] {
  const old = new Map((before?.columns ?? []).map((c) => [c.name, c]));
  const out: Statement[] = [];
  for (const c of item.value.columns ?? []) {
    const a = old.get(c.name) ?? { name: c.name, type: c.type };
    const actions: string[] = [];
    if ((a.statistics ?? -1) !== (c.statistics ?? -1)) actions.push(`SET STATISTICS ${c.statistics ?? -1}`);
    const storage = storageChange(a, c);
    if (storage) actions.push(storage);
    for (const action of actions) {
      const sql = `ALTER MATERIALIZED VIEW ${qname(item.schema, item.name)} ALTER COLUMN ${ident(c.name)} ${action}`;
      out.push(statement("alter", item.ref, sql, "main", { requires: [item.ref], provides: [] }));
    }
  }
  return out;
}

function alterOptions(to: Item, keyword: string, before: string[], after: string[]): Statement[] {
  const key = (o: string) => o.split("=")[0] as string;
  const reset = before.map(key).filter((k) => !after.some((o) => key(o) === k));
  const set = after.filter((o) => !before.includes(o));
  const name = qname(to.schema, to.name);
  const out: Statement[] = [];
  if (reset.length > 0) out.push(statement("alter", to.ref, `ALTER ${keyword} ${name} RESET (${reset.join(", ")})`, "main"));
  if (set.length > 0) out.push(statement("alter", to.ref, `ALTER ${keyword} ${name} SET (${set.join(", ")})`, "main"));
  return out;
}
