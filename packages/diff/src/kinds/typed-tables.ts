import type { Column, Database, Table } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer } from "../differ.js";
import { splitQualified } from "../render.js";
import type { Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { movedColumnsOf } from "./typed-table-detach.js";

/**
 * A typed table (`CREATE TABLE ... OF type`) takes its columns from its
 * type: PostgreSQL refuses ADD COLUMN, DROP COLUMN and ALTER COLUMN TYPE on
 * it, and the type's ALTER TYPE ... CASCADE adds, drops and changes them.
 * The column differ is wrapped so that, for a table typed by the same type
 * on both sides, a column the type gains gets only what the table adds to
 * it (a default, NOT NULL, settings), after the ALTER TYPE; one the type
 * loses gets nothing; and a type change is the type's.
 */
export function withTypedTables(columns: KindDiffer<Column>): KindDiffer<Column> {
  return {
    ...columns,
    create(item, ctx) {
      const type = typeOfTable(item, ctx);
      if (type === undefined) return columns.create(item, ctx);
      const result = afterType(columns.alter(fromType(item.value), item, ctx), type);
      // A column the type gains cannot be made anew on its own: its generated expression or the like is the type's.
      return Array.isArray(result) ? result : columns.create(item, ctx);
    },
    drop(item, ctx) {
      return typeOfTable(item, ctx) === undefined ? columns.drop(item, ctx) : [];
    },
    alter(from, to, ctx): AlterResult {
      const type = typeOfTable(to, ctx);
      if (type === undefined) return columns.alter(from, to, ctx);
      // Moved to its place in the type's new order (typed-table-detach.ts): made again, with what depends on it.
      if (movedColumnsOf(ctx, to.parent as string, type).has(to.name))
        return { rebuild: "the column moves to its place in its type's new order" };
      const asTyped = { ...from, value: { ...from.value, type: to.value.type, collation: to.value.collation } };
      return afterType(columns.alter(asTyped, to, ctx), type);
    },
  };
}

/** The type (`type app.address`) of the column's table when it is typed by the same type on both sides and stays. */
function typeOfTable(item: Item<Column>, ctx: DiffContext): string | undefined {
  const ref = item.parent;
  if (ref === undefined) return undefined;
  const a = (ctx.fromItem(ref)?.value as Table | undefined)?.of_type;
  const b = (ctx.toItem(ref)?.value as Table | undefined)?.of_type;
  if (a === undefined || a !== b || ctx.isDropped(ref) || ctx.isCreated(ref)) return undefined;
  const { schema, name } = splitQualified(b, item.schema);
  return `type ${schema}.${name}`;
}

/** The column as the type's ALTER TYPE ... ADD ATTRIBUTE makes it: its type, nothing else. */
function fromType(c: Column): Item<Column> {
  return {
    ref: "",
    kind: "column",
    name: c.name,
    value: { name: c.name, type: c.type, ...(c.collation === undefined ? {} : { collation: c.collation }) },
  };
}

function afterType(result: AlterResult, type: string): AlterResult {
  if (!Array.isArray(result)) return result;
  return result.map((st): Statement => ({ ...st, requires: [...(st.requires ?? []), type] }));
}

/** Whether a table of `db` is typed by `schema.name`: the type's ALTER then needs CASCADE. */
export function typesTable(scope: DiffScope, db: Database, schema: string, name: string): boolean {
  return schemaObjects<Table>(scope, db, "tables", "table").some((t) => {
    if (t.value.of_type === undefined) return false;
    const of = splitQualified(t.value.of_type, t.schema);
    return of.schema === schema && of.name === name;
  });
}
