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

/**
 * The partitions of `schema.table` in a model, at every level, as
 * references: a foreign key to a partitioned table depends on each of them
 * (PostgreSQL records one per partition), so it is dropped before they are.
 */
export function partitionRefs(scope: DiffScope, db: Database, schema: string, table: string): string[] {
  const index = scope.memo(db, "partitions", () => {
    const found = new Map<string, string[]>();
    for (const [s, content] of Object.entries(db.schemas)) {
      for (const [name, t] of Object.entries(content.tables ?? {})) {
        if (t.partition_of === undefined) continue;
        const parent = splitQualified(t.partition_of, s);
        const key = `${parent.schema ?? s}.${parent.name}`;
        found.set(key, [...(found.get(key) ?? []), `${s}.${name}`]);
      }
    }
    return found;
  });
  const out: string[] = [];
  const visit = (key: string) => {
    for (const child of index.get(key) ?? []) {
      out.push(`table ${child}`);
      visit(child);
    }
  };
  visit(`${schema}.${table}`);
  return out;
}

/**
 * The copies of a column in the tables that inherit it from `schema.table`
 * (children and partitions, at every level), as references: dropping the
 * parent's column (without ONLY) drops them, and what used them (an index
 * of a partition) goes first.
 */
export function inheritedCopies(scope: DiffScope, db: Database, schema: string, table: string, column: string): string[] {
  const index = scope.memo(db, "children by name", () => {
    const found = new Map<string, string[]>();
    for (const [s, content] of Object.entries(db.schemas)) {
      for (const [name, t] of Object.entries(content.tables ?? {})) {
        for (const p of [...(t.inherits ?? []), ...(t.partition_of ? [t.partition_of] : [])]) {
          const parent = splitQualified(p, s);
          const key = `${parent.schema ?? s}.${parent.name}`;
          found.set(key, [...(found.get(key) ?? []), `${s}.${name}`]);
        }
      }
    }
    return found;
  });
  const out: string[] = [];
  const visit = (key: string) => {
    for (const child of index.get(key) ?? []) {
      const [s, ...rest] = child.split(".");
      const t = db.schemas[s as string]?.tables?.[rest.join(".")];
      if (!t?.columns?.some((c) => c.name === column && c.inherited)) continue;
      out.push(`column ${child}.${column}`);
      visit(child);
    }
  };
  visit(`${schema}.${table}`);
  return out;
}
