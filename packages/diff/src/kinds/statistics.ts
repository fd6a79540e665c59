import type { Database, ExtendedStatistics } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { deepEqual } from "../compare.js";
import { ident, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { relationChildren, schemaObjects } from "./common.js";
import { columnRefs } from "./triggers.js";

/**
 * Extended statistics (CREATE STATISTICS) on tables and materialized
 * views: `statistics app.address.address_city_zip`, named in SQL in the
 * relation's schema. A changed definition drops and creates the object;
 * its target is ALTER STATISTICS ... SET STATISTICS.
 */
export const statisticsDiffer: KindDiffer<ExtendedStatistics> = {
  kind: "statistics",

  items(db: Database, scope: DiffScope): Item<ExtendedStatistics>[] {
    const relations = [
      ...schemaObjects<Record<string, unknown>>(scope, db, "tables", "table"),
      ...schemaObjects<Record<string, unknown>>(scope, db, "materializedViews", "materialized view"),
    ];
    return relationChildren<ExtendedStatistics>(relations, "statistics", "statistics");
  },

  create(item) {
    const out = [statement("create", item.ref, renderCreateStatistics(item), "main")];
    if (item.value.statistics_target !== undefined) out.push(setTarget(item, item.value.statistics_target));
    return out;
  },

  drop(item) {
    return [statement("drop", item.ref, `DROP STATISTICS ${name(item)}`, "drop")];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    const sameExpressions =
      (a.expressions ?? []).length === (b.expressions ?? []).length &&
      (a.expressions ?? []).every((e, i) => ctx.expressions.same(e, (b.expressions ?? [])[i]));
    if (!deepEqual(kinds(a), kinds(b)) || !deepEqual(a.columns ?? [], b.columns ?? []) || !sameExpressions) {
      return { rebuild: "the statistics' kinds, columns or expressions changed" };
    }
    return (a.statistics_target ?? -1) === (b.statistics_target ?? -1) ? [] : [setTarget(to, b.statistics_target ?? -1)];
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER STATISTICS ${name(from)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item): SqlTarget {
    return { comment: `STATISTICS ${name(item)}`, owner: `STATISTICS ${name(item)}` };
  },

  // Dropping a column drops the statistics on it: a DROP STATISTICS must come first.
  dependencies(item, db) {
    return columnRefs(item, item.value.expressions ?? [], db, item.value.columns ?? []);
  },
};

function name(item: Item): string {
  return qname(item.schema, item.name);
}

/** No kinds listed means every kind CREATE STATISTICS builds by default. */
function kinds(s: ExtendedStatistics): string[] {
  return s.kinds && s.kinds.length > 0 ? [...s.kinds].sort() : [];
}

function setTarget(item: Item, target: number): Statement {
  return statement("alter", item.ref, `ALTER STATISTICS ${name(item)} SET STATISTICS ${target}`, "main", {
    requires: [item.ref],
    provides: [],
  });
}

export function renderCreateStatistics(item: Item<ExtendedStatistics>): string {
  const s = item.value;
  const kindList = s.kinds && s.kinds.length > 0 ? ` (${s.kinds.join(", ")})` : "";
  const elements = [...(s.columns ?? []).map((c) => ident(c)), ...(s.expressions ?? []).map(renderExpression)];
  return `CREATE STATISTICS ${name(item)}${kindList} ON ${elements.join(", ")} FROM ${qname(item.schema, item.table as string)}`;
}

/** A function call stands alone (`lower(city)`); any other expression is parenthesised. */
function renderExpression(text: string): string {
  const call = /^[A-Za-z_][\w$.]*\(/.exec(text);
  if (call && closingParen(text, call[0].length - 1) === text.length - 1) return text;
  return `(${text})`;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")" && --depth === 0) return i;
  }
  return -1;
}
