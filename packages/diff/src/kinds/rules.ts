import type { Database, Rule } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { ident, qname } from "../render.js";
import { statement } from "../statement.js";
import { relationChildren, schemaObjects } from "./common.js";
import { columnRefs, columnTypeChanges } from "./triggers.js";

/**
 * Rewrite rules on tables and views (not a view's own `_RETURN`):
 * `rule app.orders.log_insert`. Any change is CREATE OR REPLACE RULE.
 */
export const ruleDiffer: KindDiffer<Rule> = {
  kind: "rule",
  followsDependencies: true,

  items(db: Database, scope: DiffScope): Item<Rule>[] {
    const relations = [
      ...schemaObjects<Record<string, unknown>>(scope, db, "tables", "table"),
      ...schemaObjects<Record<string, unknown>>(scope, db, "views", "view"),
    ];
    return relationChildren<Rule>(relations, "rules", "rule");
  },

  create(item) {
    return [statement("create", item.ref, renderCreateRule(item, false), "main")];
  },

  drop(item) {
    return [statement("drop", item.ref, `DROP RULE ${ident(item.name)} ON ${qname(item.schema, item.table as string)}`, "drop")];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    // Columns of the rule's own relation; other relations' are recorded dependencies the engine follows.
    if (columnTypeChanges(columnRefs(from, [a.condition, a.actions], ctx.from), ctx))
      return { rebuild: "a column the rule uses changes type or goes" };
    const same =
      a.event === b.event &&
      (a.instead ?? false) === (b.instead ?? false) &&
      ctx.expressions.same(a.condition, b.condition) &&
      ctx.expressions.same(a.actions, b.actions);
    return same ? [] : [statement("alter", to.ref, renderCreateRule(to, true), "main")];
  },

  rename(from, to) {
    const sql = `ALTER RULE ${ident(from.name)} ON ${qname(from.schema, from.table as string)} RENAME TO ${ident(to.name)}`;
    return [statement("rename", to.ref, sql, "rename")];
  },

  target(item): SqlTarget {
    return { comment: `RULE ${ident(item.name)} ON ${qname(item.schema, item.table as string)}` };
  },
};

export function renderCreateRule(item: Item<Rule>, replace: boolean): string {
  const r = item.value;
  const where = r.condition ? ` WHERE ${r.condition}` : "";
  const actions = r.actions.trim().replace(/;\s*$/, "");
  const head = `CREATE ${replace ? "OR REPLACE " : ""}RULE ${ident(item.name)} AS ON ${r.event.toUpperCase()} TO ${qname(item.schema, item.table as string)}`;
  return `${head}${where}\n    DO ${r.instead ? "INSTEAD " : ""}${actions}`;
}
