import type { Database, Policy } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { deepEqual } from "../compare.js";
import { ident, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { relationChildren, schemaObjects } from "./common.js";
import { columnRefs, columnTypeChanges } from "./triggers.js";

/**
 * Row-level security policies: `policy app.document.document_read`. Roles
 * and expressions change with ALTER POLICY; the command or the
 * permissive/restrictive kind (and removing an expression, which ALTER
 * POLICY cannot) drop and create the policy. The table's ENABLE / FORCE
 * ROW LEVEL SECURITY is the table differ's.
 */
export const policyDiffer: KindDiffer<Policy> = {
  kind: "policy",
  followsDependencies: true,

  items(db: Database, scope: DiffScope): Item<Policy>[] {
    return relationChildren<Policy>(schemaObjects<Record<string, unknown>>(scope, db, "tables", "table"), "policies", "policy");
  },

  create(item) {
    return [statement("create", item.ref, renderCreatePolicy(item), "main")];
  },

  drop(item) {
    return [statement("drop", item.ref, `DROP POLICY ${on(item)}`, "drop")];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    if (columnTypeChanges(columnRefs(from, [a.using, a.with_check], ctx.from), ctx))
      return { rebuild: "a column the policy uses changes type or goes" };
    if ((a.command ?? "all") !== (b.command ?? "all") || (a.permissive ?? true) !== (b.permissive ?? true)) {
      return { rebuild: "the policy's command or kind changed" };
    }
    if ((a.using !== undefined && b.using === undefined) || (a.with_check !== undefined && b.with_check === undefined)) {
      return { rebuild: "an expression of the policy was removed" };
    }
    const clauses: string[] = [];
    if (!deepEqual(roles(a), roles(b))) clauses.push(`TO ${renderRoles(b)}`);
    if (!ctx.expressions.same(a.using, b.using)) clauses.push(`USING (${b.using})`);
    if (!ctx.expressions.same(a.with_check, b.with_check)) clauses.push(`WITH CHECK (${b.with_check})`);
    const out: Statement[] = [];
    if (clauses.length > 0) out.push(statement("alter", to.ref, `ALTER POLICY ${on(to)} ${clauses.join(" ")}`, "main"));
    return out;
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER POLICY ${on(from)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item): SqlTarget {
    return { comment: `POLICY ${on(item)}` };
  },

  dependencies(item, db) {
    return columnRefs(item, [item.value.using, item.value.with_check], db);
  },
};

function on(item: Item): string {
  return `${ident(item.name)} ON ${qname(item.schema, item.table as string)}`;
}

function roles(p: Policy): string[] {
  return [...(p.roles ?? ["PUBLIC"])].sort();
}

function renderRoles(p: Policy): string {
  return (p.roles ?? ["PUBLIC"]).map((r) => (r.toUpperCase() === "PUBLIC" ? "PUBLIC" : ident(r))).join(", ");
}

export function renderCreatePolicy(item: Item<Policy>): string {
  const p = item.value;
  const parts = [`CREATE POLICY ${on(item)}`];
  if (p.permissive === false) parts.push("AS RESTRICTIVE");
  parts.push(`FOR ${(p.command ?? "all").toUpperCase()}`, `TO ${renderRoles(p)}`);
  if (p.using !== undefined) parts.push(`USING (${p.using})`);
  if (p.with_check !== undefined) parts.push(`WITH CHECK (${p.with_check})`);
  return parts.join(" ");
}
