import type { Database, Table } from "@pgvc/model";
import type { DiffContext, Item } from "../differ.js";
import { splitQualified } from "../render.js";

/**
 * Inheritance children (INHERITS, not partitions) of `schema.table` in a
 * model, indexed once per model: a column or CHECK dropped from a parent
 * while a child keeps it as its own is dropped with ONLY, which leaves the
 * child's copy in place and marks it local (attislocal, conislocal).
 */
const childrenIndex = new WeakMap<Database, Map<string, Table[]>>();

function index(db: Database): Map<string, Table[]> {
  let found = childrenIndex.get(db);
  if (found) return found;
  found = new Map();
  for (const [schema, content] of Object.entries(db.schemas)) {
    for (const table of Object.values(content.tables ?? {})) {
      for (const parent of table.inherits ?? []) {
        const { schema: ps, name } = splitQualified(parent, schema);
        const key = `${ps ?? schema}.${name}`;
        found.set(key, [...(found.get(key) ?? []), table]);
      }
    }
  }
  childrenIndex.set(db, found);
  return found;
}

export function inheritanceChildren(db: Database, schema: string, table: string): Table[] {
  return index(db).get(`${schema}.${table}`) ?? [];
}

/** `ALTER TABLE ONLY ` when some child in `to` keeps `what` as its own, else `ALTER TABLE `. */
export function alterParent(to: Database, schema: string, table: string, keeps: (child: Table) => boolean): string {
  return inheritanceChildren(to, schema, table).some(keeps) ? "ALTER TABLE ONLY " : "ALTER TABLE ";
}

/**
 * An inherited child object (`item`, a column or CHECK of a child table)
 * that goes away while a parent drops its own with ONLY, because a sibling
 * in `to` keeps its copy: this child keeps its copy too, made local, and
 * must drop it itself.
 */
export function parentDropsOnly(item: Item, ctx: DiffContext, keeps: (child: Table) => boolean): boolean {
  const schema = item.schema as string;
  const table = ctx.from.schemas[schema]?.tables?.[item.table as string];
  for (const parent of table?.inherits ?? []) {
    const { schema: ps, name } = splitQualified(parent, schema);
    const ref = `${item.kind} ${ps ?? schema}.${name}.${item.name}`;
    if (!ctx.isDropped(ref)) continue;
    if (inheritanceChildren(ctx.to, ps ?? schema, name).some(keeps)) return true;
  }
  return false;
}
