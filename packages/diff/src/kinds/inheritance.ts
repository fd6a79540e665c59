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

/** A table that inherits from another, or is one of its partitions. */
interface Child {
  schema: string;
  name: string;
  table: Table;
  partition: boolean;
}

/** A table's parents, those of INHERITS then the one of PARTITION OF, in the table's schema when they name none. */
export function parentsOf(table: Table, schema: string): { schema: string; name: string; partition: boolean }[] {
  const parent = (text: string, partition: boolean) => {
    const { schema: ps, name } = splitQualified(text, schema);
    return { schema: ps ?? schema, name, partition };
  };
  return [...(table.inherits ?? []).map((p) => parent(p, false)), ...(table.partition_of ? [parent(table.partition_of, true)] : [])];
}

/** Children and partitions by their parent (`schema.table`), indexed once per model and diff. */
function childrenByParent(scope: DiffScope, db: Database): Map<string, Child[]> {
  return scope.memo(db, "children and partitions", () => {
    const found = new Map<string, Child[]>();
    for (const [schema, content] of Object.entries(db.schemas)) {
      for (const [name, table] of Object.entries(content.tables ?? {})) {
        for (const parent of parentsOf(table, schema)) {
          const key = `${parent.schema}.${parent.name}`;
          found.set(key, [...(found.get(key) ?? []), { schema, name, table, partition: parent.partition }]);
        }
      }
    }
    return found;
  });
}

/** The descendants of `schema.table` that `follow` accepts, at every level (below an accepted one only). */
function descendants(scope: DiffScope, db: Database, schema: string, table: string, follow: (child: Child) => boolean): Child[] {
  const index = childrenByParent(scope, db);
  const out: Child[] = [];
  const visit = (key: string) => {
    for (const child of index.get(key) ?? []) {
      if (!follow(child)) continue;
      out.push(child);
      visit(`${child.schema}.${child.name}`);
    }
  };
  visit(`${schema}.${table}`);
  return out;
}

/**
 * The partitions of `schema.table` in a model, at every level, as
 * references: a foreign key to a partitioned table depends on each of them
 * (PostgreSQL records one per partition), so it is dropped before they are.
 */
export function partitionRefs(scope: DiffScope, db: Database, schema: string, table: string): string[] {
  return descendants(scope, db, schema, table, (c) => c.partition).map((c) => `table ${c.schema}.${c.name}`);
}

/**
 * The copies of a column in the tables that inherit it from `schema.table`
 * (children and partitions, at every level), as references: dropping the
 * parent's column (without ONLY) drops them, and what used them (an index
 * of a partition) goes first.
 */
export function inheritedCopies(scope: DiffScope, db: Database, schema: string, table: string, column: string): string[] {
  const inherits = (c: Child) => c.table.columns?.some((col) => col.name === column && col.inherited) ?? false;
  return descendants(scope, db, schema, table, inherits).map((c) => `column ${c.schema}.${c.name}.${column}`);
}
