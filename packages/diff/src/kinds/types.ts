import type { Database, Table, Type } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer, Replace, SqlTarget } from "../differ.js";
import { deepEqual } from "../compare.js";
import { alterTable, ident, literal, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { renderCollation } from "./columns.js";
import { typesTable } from "./typed-tables.js";
import { attributeOrderKept, detachTypedTables, needsDetach, typedTablesOf } from "./typed-table-detach.js";

/**
 * Types: enums, composites, ranges, base types (`type app.mood`). An enum
 * gains labels with ALTER TYPE ... ADD VALUE; losing or reordering labels
 * rebuilds it in place: rename the old type, create the new one, convert
 * every column through text, drop the old type.
 */
export const typeDiffer: KindDiffer<Type> = {
  kind: "type",

  items(db: Database, scope: DiffScope): Item<Type>[] {
    return schemaObjects<Type>(scope, db, "types", "type");
  },

  create(item) {
    return [statement("create", item.ref, renderCreateType(item), "main"), ...attributeComments(item, undefined)];
  },

  drop(item) {
    return [statement("drop", item.ref, `DROP TYPE ${qname(item.schema, item.name)}`, "drop")];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    if (a.labels && b.labels) return alterEnum(from, to, ctx);
    if (a.attributes && b.attributes) {
      const tables = typedTablesOf(ctx, to.schema as string, to.name);
      if (tables.length > 0 && needsDetach(a, b)) return detachComposite(to, a, b, tables, ctx);
      const result = alterComposite(to, a, b, typesTable(ctx, ctx.from, to.schema as string, to.name));
      return Array.isArray(result) ? [...result, ...attributeComments(to, a)] : result;
    }
    const { owner: _o, privileges: _p, description: _d, oldname: _n, depends_on: _x, ...restA } = a;
    const { owner: _o2, privileges: _p2, description: _d2, oldname: _n2, depends_on: _x2, ...restB } = b;
    return deepEqual(restA, restB) ? [] : { rebuild: "the type's definition changed" };
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER TYPE ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item): SqlTarget {
    const name = `TYPE ${qname(item.schema, item.name)}`;
    return { comment: name, owner: name, grant: name, privilegeType: "type", publicDefaults: ["usage"] };
  },
};

export function renderCreateType(item: Item<Type>): string {
  const t = item.value;
  const name = qname(item.schema, item.name);
  if (t.labels) return `CREATE TYPE ${name} AS ENUM (${t.labels.map(literal).join(", ")})`;
  if (t.attributes) {
    const attrs = t.attributes.map((a) => `${ident(a.name)} ${a.type}${a.collation ? ` COLLATE ${renderCollation(a.collation)}` : ""}`);
    return `CREATE TYPE ${name} AS (${attrs.join(", ")})`;
  }
  if (t.subtype) {
    const opts = [`SUBTYPE = ${t.subtype}`];
    if (t.subtype_opclass) opts.push(`SUBTYPE_OPCLASS = ${t.subtype_opclass}`);
    if (t.collation) opts.push(`COLLATION = ${renderCollation(t.collation)}`);
    if (t.canonical) opts.push(`CANONICAL = ${t.canonical}`);
    if (t.subtype_diff) opts.push(`SUBTYPE_DIFF = ${t.subtype_diff}`);
    if (t.multirange_type_name) opts.push(`MULTIRANGE_TYPE_NAME = ${qname(item.schema, t.multirange_type_name)}`);
    return `CREATE TYPE ${name} AS RANGE (${opts.join(", ")})`;
  }
  return `CREATE TYPE ${name} (${baseOptions(t).join(", ")})`;
}

function baseOptions(t: Type): string[] {
  const opts: string[] = [];
  const fn = (key: string, value: string | undefined) => value && opts.push(`${key} = ${value}`);
  fn("INPUT", t.input);
  fn("OUTPUT", t.output);
  fn("RECEIVE", t.receive);
  fn("SEND", t.send);
  fn("TYPMOD_IN", t.typmod_in);
  fn("TYPMOD_OUT", t.typmod_out);
  fn("ANALYZE", t.analyze);
  if (t.internallength !== undefined) opts.push(`INTERNALLENGTH = ${t.internallength === "variable" ? "VARIABLE" : t.internallength}`);
  if (t.alignment) opts.push(`ALIGNMENT = ${t.alignment}`);
  if (t.storage) opts.push(`STORAGE = ${t.storage}`);
  if (t.category) opts.push(`CATEGORY = ${literal(t.category)}`);
  if (t.preferred) opts.push("PREFERRED = true");
  if (t.delimiter) opts.push(`DELIMITER = ${literal(t.delimiter)}`);
  return opts;
}

/** Labels only added (the old ones keep their order): ADD VALUE each, placed next to a known one. */
function alterEnum(from: Item<Type>, to: Item<Type>, ctx: DiffContext): AlterResult {
  const before = from.value.labels as string[];
  const after = to.value.labels as string[];
  const kept = after.filter((l) => before.includes(l));
  const added = after.filter((l) => !before.includes(l));
  if (deepEqual(kept, before) && !usedInChange(to, added, ctx)) {
    const name = qname(to.schema, to.name);
    const out: Statement[] = [];
    after.forEach((label, i) => {
      if (before.includes(label)) return;
      const next = after.slice(i + 1).find((l) => before.includes(l));
      const place = next === undefined ? "" : ` BEFORE ${literal(next)}`;
      out.push(statement("alter", to.ref, `ALTER TYPE ${name} ADD VALUE ${literal(label)}${place}`, "main"));
    });
    return out;
  }
  // Labels removed or reordered, or a new label used in the same change (PostgreSQL refuses a label
  // ADD VALUE made before it is committed): rename, create, convert the columns that use it, drop the old one.
  return replaceInPlace(to, ctx, "TYPE", [statement("create", to.ref, renderCreateType(to), "main")]);
}

/**
 * A new label written as a value of the enum somewhere on the new side (a
 * default, a CHECK, a view, an index predicate: `'draft'::app.status`).
 * Routine bodies are not read: they run later, after the commit.
 */
function usedInChange(to: Item<Type>, added: string[], ctx: DiffContext): boolean {
  if (added.length === 0) return false;
  const text = ctx.memo(ctx.to, "enum uses", () => {
    const parts: string[] = [];
    for (const content of Object.values(ctx.to.schemas)) {
      const { functions: _functions, procedures: _procedures, ...rest } = content as Record<string, unknown>;
      parts.push(JSON.stringify(rest));
    }
    return parts.join("\n");
  });
  const names = [to.name, `${to.schema}.${to.name}`, qname(to.schema, to.name), ident(to.name)];
  return added.some((label) => {
    const value = JSON.stringify(literal(label)).slice(1, -1);
    return names.some((name) => text.includes(`${value}::${JSON.stringify(name).slice(1, -1)}`));
  });
}

/**
 * Make a type or domain anew under its name while columns use it: rename
 * the old one away, run `create`, convert every column that uses it
 * through text (each value is written out and read back as the new type),
 * drop the old one. The values stay; a value the new type refuses fails
 * the migration.
 */
export function replaceInPlace(to: Item, ctx: DiffContext, keyword: "TYPE" | "DOMAIN", create: Statement[]): Replace {
  const name = qname(to.schema, to.name);
  const oldName = `${to.name}_old`;
  const out: Statement[] = [statement("alter", to.ref, `ALTER ${keyword} ${name} RENAME TO ${ident(oldName)}`, "main"), ...create];
  for (const use of columnsUsing(`${to.schema}.${to.name}`, ctx)) {
    const ref = `column ${use.schema}.${use.table}.${use.column}`;
    const act = (action: string) =>
      out.push(
        statement("alter", to.ref, alterTable(use.schema, use.table, `ALTER COLUMN ${ident(use.column)} ${action}`), "main", {
          hazards: ["rewrite", "lock"],
          invalidates: [ref],
        }),
      );
    if (use.default !== undefined) act("DROP DEFAULT");
    const cast = use.array ? `${ident(use.column)}::text[]::${use.type}` : `${ident(use.column)}::text::${use.type}`;
    act(`TYPE ${use.type} USING ${cast}`);
    if (use.default !== undefined) act(`SET DEFAULT ${use.default}`);
  }
  out.push(statement("drop", to.ref, `DROP ${keyword} ${qname(to.schema, oldName)}`, "main"));
  return { replace: out };
}

interface ColumnUse {
  schema: string;
  table: string;
  column: string;
  type: string;
  array: boolean;
  default: string | undefined;
}

/** Columns of tables on both sides whose type is `qualified` (or an array of it). */
function columnsUsing(qualified: string, ctx: DiffContext): ColumnUse[] {
  const out: ColumnUse[] = [];
  const bare = qualified.replace(/^public\./, "");
  for (const table of schemaObjects<Table>(ctx, ctx.to, "tables", "table")) {
    if (!ctx.fromItem(table.ref) || ctx.isDropped(table.ref)) continue;
    for (const c of table.value.columns ?? []) {
      const base = c.type.replace(/\[\]$/, "");
      if ((base !== qualified && base !== bare) || c.inherited) continue;
      if (!ctx.fromItem(`column ${table.schema}.${table.name}.${c.name}`)) continue;
      out.push({
        schema: table.schema as string,
        table: table.name,
        column: c.name,
        type: c.type,
        array: c.type.endsWith("[]"),
        default: c.default,
      });
    }
  }
  return out;
}

/** COMMENT ON COLUMN for a composite type's attributes whose comment differs from `before`'s (undefined: a new type). */
function attributeComments(item: Item<Type>, before: Type | undefined): Statement[] {
  const old = new Map((before?.attributes ?? []).map((x) => [x.name, x.description]));
  return (item.value.attributes ?? [])
    .filter((x) => x.description !== old.get(x.name) && (x.description !== undefined || old.has(x.name)))
    .map((x) => {
      const sql = `COMMENT ON COLUMN ${qname(item.schema, item.name)}.${ident(x.name)} IS ${x.description === undefined ? "NULL" : literal(x.description)}`;
      return statement("comment", item.ref, sql, "main", { requires: [item.ref], provides: [] });
    });
}

/**
 * Typed tables use the type, which is reordered (made anew in place) or
 * whose attributes change type: the tables are detached around the change
 * (typed-table-detach.ts). Attributes' comments follow the new type.
 */
function detachComposite(to: Item<Type>, a: Type, b: Type, tables: Item<Table>[], ctx: DiffContext): AlterResult {
  if (!attributeOrderKept(a, b)) {
    const made = replaceInPlace(to, ctx, "TYPE", [
      statement("create", to.ref, renderCreateType(to), "main"),
      ...attributeComments(to, undefined),
    ]);
    return { replace: detachTypedTables(to, a, b, tables, ctx, made.replace) };
  }
  const name = qname(to.schema, to.name);
  const change = compositeActions(a, b).map((act) =>
    statement("alter", to.ref, `ALTER TYPE ${name} ${act}`, "main", { hazards: act.startsWith("DROP") ? ["data-loss"] : [] }),
  );
  return [...detachTypedTables(to, a, b, tables, ctx, change), ...attributeComments(to, a)];
}

/** `cascade`: a typed table uses the type, and its columns change with it (PostgreSQL refuses the ALTER otherwise). */
function alterComposite(to: Item<Type>, a: Type, b: Type, cascade: boolean): AlterResult {
  // Added attributes go last; any other order means re-creating the type.
  if (!attributeOrderKept(a, b)) return { rebuild: "the composite type's attributes were reordered" };
  const name = qname(to.schema, to.name);
  const tail = cascade ? " CASCADE" : "";
  return compositeActions(a, b).map((act) =>
    statement("alter", to.ref, `ALTER TYPE ${name} ${act}${tail}`, "main", { hazards: act.startsWith("DROP") ? ["data-loss"] : [] }),
  );
}

/** DROP, ADD and ALTER ATTRIBUTE actions from `a`'s attributes to `b`'s. */
function compositeActions(a: Type, b: Type): string[] {
  const before = new Map((a.attributes ?? []).map((x) => [x.name, x]));
  const after = new Map((b.attributes ?? []).map((x) => [x.name, x]));
  const actions: string[] = [];
  for (const n of before.keys()) if (!after.has(n)) actions.push(`DROP ATTRIBUTE ${ident(n)}`);
  for (const [n, x] of after) {
    const old = before.get(n);
    if (!old) actions.push(`ADD ATTRIBUTE ${ident(n)} ${x.type}${x.collation ? ` COLLATE ${renderCollation(x.collation)}` : ""}`);
    else if (old.type !== x.type || old.collation !== x.collation)
      actions.push(`ALTER ATTRIBUTE ${ident(n)} TYPE ${x.type}${x.collation ? ` COLLATE ${renderCollation(x.collation)}` : ""}`);
  }
  return actions;
}
