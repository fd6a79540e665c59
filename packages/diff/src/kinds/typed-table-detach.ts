import type { Column, Table, Type } from "@pgvc/model";
import type { DiffContext, Item } from "../differ.js";
import { alterTable, ident, qname, splitQualified } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { renderCollation } from "./columns.js";

/*
 * A composite type whose attributes are reordered, or change type, while
 * typed tables use it. ALTER TYPE ... CASCADE cannot do either: it takes no
 * USING, and the type cannot be made anew while a table is OF it. So each
 * table is detached (NOT OF), the type changes, the table's columns are
 * changed as a plain table's (DROP / ALTER TYPE ... USING / ADD COLUMN),
 * and attached again (OF), which needs its columns in the type's order:
 * the columns out of place are moved to the end with their values (renamed
 * away, added again, filled by ALTER COLUMN ... TYPE ... USING the old one,
 * which is dropped). The column differ
 * re-creates a moved column's NOT NULL, default, and what depends on it.
 */

/** Tables typed by the type on both sides, neither made nor dropped by the diff. */
export function typedTablesOf(ctx: DiffContext, schema: string, name: string): Item<Table>[] {
  return schemaObjects<Table>(ctx, ctx.to, "tables", "table").filter((t) => {
    const before = ctx.fromItem(t.ref)?.value as Table | undefined;
    if (t.value.of_type === undefined || before?.of_type !== t.value.of_type || ctx.isDropped(t.ref) || ctx.isCreated(t.ref)) return false;
    const of = splitQualified(t.value.of_type, t.schema);
    return of.schema === schema && of.name === name;
  });
}

/** Attributes kept in their order, those added last: what ALTER TYPE ... ADD ATTRIBUTE can make. */
export function attributeOrderKept(a: Type, b: Type): boolean {
  const after = new Set((b.attributes ?? []).map((x) => x.name));
  const before = new Set((a.attributes ?? []).map((x) => x.name));
  const kept = (a.attributes ?? []).map((x) => x.name).filter((n) => after.has(n));
  const added = (b.attributes ?? []).map((x) => x.name).filter((n) => !before.has(n));
  return [...kept, ...added].join("\u0000") === (b.attributes ?? []).map((x) => x.name).join("\u0000");
}

/** Whether typed tables must be detached: an attribute moves or changes type. */
export function needsDetach(a: Type, b: Type): boolean {
  if (!attributeOrderKept(a, b)) return true;
  const before = new Map((a.attributes ?? []).map((x) => [x.name, x]));
  return (b.attributes ?? []).some((x) => {
    const old = before.get(x.name);
    return old !== undefined && (old.type !== x.type || old.collation !== x.collation);
  });
}

/**
 * The columns of a table that move to the end: after the longest start of
 * the type's new order that the table already holds in that order.
 */
export function columnsToMove(current: readonly string[], target: readonly string[]): string[] {
  let kept = 0;
  let from = 0;
  for (const name of target) {
    const at = current.indexOf(name, from);
    if (at < 0) break;
    from = at + 1;
    kept++;
  }
  return target.slice(kept).filter((n) => current.includes(n));
}

/** The type's statements, wrapped: detach each table, change the type, change and move the columns, attach again. */
export function detachTypedTables(
  to: Item<Type>,
  a: Type,
  b: Type,
  tables: Item<Table>[],
  ctx: DiffContext,
  typeChange: Statement[],
): Statement[] {
  const out: Statement[] = tables.map((t) => statement("alter", to.ref, alterTable(t.schema, t.name, "NOT OF"), "main"));
  out.push(...typeChange);
  for (const t of tables) {
    out.push(...reshape(to, t, ctx.fromItem(t.ref)?.value as Table, a, b));
    out.push(statement("alter", to.ref, alterTable(t.schema, t.name, `OF ${qname(to.schema, to.name)}`), "main"));
  }
  return out;
}

function typed(x: { type: string; collation?: string }): string {
  return `${x.type}${x.collation ? ` COLLATE ${renderCollation(x.collation)}` : ""}`;
}

/** A detached table's columns made the type's: dropped, changed (USING a cast), moved and added in its order. */
function reshape(to: Item<Type>, t: Item<Table>, before: Table, a: Type, b: Type): Statement[] {
  const act = (action: string, hazards: Statement["hazards"] = []) =>
    statement("alter", to.ref, alterTable(t.schema, t.name, action), "main", { hazards });
  const move = (name: string, type: string): Statement[] => {
    const away = ident(`${name.slice(0, 50)}_pgvc_moved`);
    // The copy is DDL: a USING expression may read any column of the row.
    return [
      act(`RENAME COLUMN ${ident(name)} TO ${away}`),
      act(`ADD COLUMN ${ident(name)} ${type}`),
      act(`ALTER COLUMN ${ident(name)} TYPE ${type} USING ${away}`, ["rewrite", "lock"]),
      act(`DROP COLUMN ${away}`),
    ];
  };
  const target = new Map((b.attributes ?? []).map((x) => [x.name, x]));
  const old = new Map((a.attributes ?? []).map((x) => [x.name, x]));
  const own = (before.columns ?? []).filter((c) => !c.inherited) as Column[];
  const out: Statement[] = [];
  for (const c of own) if (!target.has(c.name)) out.push(act(`DROP COLUMN ${ident(c.name)}`, ["data-loss"]));
  const current = own.map((c) => c.name).filter((n) => target.has(n));
  for (const n of current) {
    const x = target.get(n) as { type: string; collation?: string };
    const was = old.get(n);
    if (was && (was.type !== x.type || was.collation !== x.collation))
      out.push(act(`ALTER COLUMN ${ident(n)} TYPE ${typed(x)} USING ${ident(n)}::${x.type}`, ["rewrite", "lock"]));
  }
  const moved = new Set(columnsToMove(current, [...target.keys()]));
  for (const [n, x] of target) {
    if (moved.has(n)) out.push(...move(n, typed(x)));
    else if (!current.includes(n)) out.push(act(`ADD COLUMN ${ident(n)} ${typed(x)}`));
  }
  return out;
}

/** The columns of a table typed by `type` that the diff moves (typed-tables.ts asks, to re-create them). */
export function movedColumnsOf(ctx: DiffContext, tableRef: string, typeRef: string): Set<string> {
  const a = ctx.fromItem(typeRef)?.value as Type | undefined;
  const b = ctx.toItem(typeRef)?.value as Type | undefined;
  const before = ctx.fromItem(tableRef)?.value as Table | undefined;
  if (!a?.attributes || !b?.attributes || !before || !needsDetach(a, b)) return new Set();
  const target = (b.attributes ?? []).map((x) => x.name);
  const current = (before.columns ?? []).filter((c) => !c.inherited && target.includes(c.name)).map((c) => c.name);
  return new Set(columnsToMove(current, target));
}
