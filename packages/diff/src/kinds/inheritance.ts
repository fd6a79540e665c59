import type { Database, Table } from "@pgvc/model";
import type { DiffContext, DiffScope, Item } from "../differ.js";
import { splitQualified } from "../render.js";

/**
 * Inheritance children (INHERITS, not partitions) of `schema.table` in a
 * model, indexed once per model: a column or CHECK dropped from a parent
 * while a child keeps it as its own is dropped with ONLY, which leaves the
 * child's copy in place and marks it local (attislocal, conislocal).
 */
function index(scope: DiffScope, db: Database): Map<string, Table[]> {
  return scope.memo(db, "inheritance children", () => indexChildren(db));
}

function indexChildren(db: Database): Map<string, Table[]> {
  const found = new Map<string, Table[]>();
  for (const [schema, content] of Object.entries(db.schemas)) {
    for (const table of Object.values(content.tables ?? {})) {
      for (const parent of table.inherits ?? []) {
        const { schema: ps, name } = splitQualified(parent, schema);
        const key = `${ps ?? schema}.${name}`;
        found.set(key, [...(found.get(key) ?? []), table]);
      }
    }
  }
  return found;
}

export function inheritanceChildren(scope: DiffScope, db: Database, schema: string, table: string): Table[] {
  return index(scope, db).get(`${schema}.${table}`) ?? [];
}

/** `ALTER TABLE ONLY ` when some child in `to` keeps `what` as its own, else `ALTER TABLE `. */
export function alterParent(ctx: DiffContext, schema: string, table: string, keeps: (child: Table) => boolean): string {
  return inheritanceChildren(ctx, ctx.to, schema, table).some(keeps) ? "ALTER TABLE ONLY " : "ALTER TABLE ";
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
    if (inheritanceChildren(ctx, ctx.to, ps ?? schema, name).some(keeps)) return true;
  }
  return false;
}
