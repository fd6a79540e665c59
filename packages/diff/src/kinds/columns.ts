import type { Column, Database, Table } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer } from "../differ.js";
import { alterTable, ident, qname } from "../render.js";
import { statement, type Hazard, type Statement } from "../statement.js";
import { itemRef, schemaObjects } from "./common.js";
import { balanced } from "../normalize.js";
import { deepEqual } from "../compare.js";
import { identityOptions, ownedSequence, renderIdentity, sequencesDroppedWith } from "./identity.js";
import { alterParent, inheritanceChildren, inheritedCopies, parentDropsOnly } from "./inheritance.js";
import { conversionHazards } from "./type-conversions.js";

/** Columns of tables: `column app.orders.status`, created inline with a new table. */
export const columnDiffer: KindDiffer<Column> = {
  kind: "column",

  items(db: Database, scope: DiffScope): Item<Column>[] {
    const out: Item<Column>[] = [];
    for (const table of schemaObjects<Table>(scope, db, "tables", "table")) out.push(...columnsOf(table));
    return out;
  },

  children: {
    parentKind: "table",
    of: (table) => columnsOf(table as Item<Table>),
    same: (from, to) => deepEqual((from.value as Table).columns, (to.value as Table).columns),
  },

  create(item, ctx) {
    // A column a parent gives (inheritance, partitions) arrives with the parent's change.
    if (item.value.inherited) return [];
    const sql = alterTable(item.schema, item.table as string, `ADD COLUMN ${renderColumn(item.value, columnIdentity(ctx, item, ctx.to))}`);
    const hazards: Hazard[] = item.value.generated !== undefined ? ["rewrite", "lock"] : [];
    const add = statement("create", item.ref, sql, "main", {
      hazards,
      provides: [item.ref, `${item.parent}#changed`, ...identityRefs(ctx, item, ctx.to)],
    });
    return [add, ...columnSettings(item, undefined)];
  },

  drop(item, ctx) {
    // A child that keeps the column as its own: ONLY leaves its copy, made local.
    const keeps = (child: Table) => (child.columns ?? []).some((c) => c.name === item.name && !c.inherited);
    if (item.value.inherited) {
      // Dropped with the parent's column, unless that drop is ONLY: then it stays, made local, and goes after.
      if (!parentDropsOnly(item, ctx, keeps)) return [];
      const sql = `ALTER TABLE ONLY ${qname(item.schema, item.table as string)} DROP COLUMN ${ident(item.name)}`;
      return [statement("drop", item.ref, sql, "main", { hazards: ["data-loss"] })];
    }
    const alter = alterParent(ctx, item.schema as string, item.table as string, keeps);
    const sql = `${alter}${qname(item.schema, item.table as string)} DROP COLUMN ${ident(item.name)}`;
    const copies = [
      // Copies a child keeps (through another parent it inherits from first) are not the drop's.
      ...(alter === "ALTER TABLE " ? inheritedCopies(ctx, ctx.from, item.schema as string, item.table as string, item.name) : []).filter(
        (ref) => !ctx.toItem(ref),
      ),
      ...sequencesDroppedWith(ctx, ctx.from, item.schema as string, item.table as string, [item.name]),
    ];
    // A generated column's values can be computed again: nothing is lost.
    const hazards: Hazard[] = item.value.generated === undefined ? ["data-loss"] : [];
    return [statement("drop", item.ref, sql, "drop", { hazards, ...(copies.length > 0 ? { provides: [item.ref, ...copies] } : {}) })];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    // A column from the parents changes type with them; its NOT NULL, default and settings are its own.
    if (b.inherited && a.inherited) {
      const own = Boolean(a.not_null) === Boolean(b.not_null) ? [] : [notNull(to, Boolean(b.not_null))];
      return [...own, ...ownDefault(ctx, to, a.default, b.default), ...columnSettings(to, a)];
    }
    if (!ctx.expressions.same(a.generated, b.generated) && b.generated !== undefined) {
      return { rebuild: "a generated column's expression can only be set by adding the column again" };
    }
    const out: Statement[] = [];
    const act = (action: string, hazards: Hazard[] = [], extra: Partial<Statement> = {}) =>
      out.push(
        statement("alter", to.ref, alterTable(to.schema, to.table as string, `ALTER COLUMN ${ident(to.name)} ${action}`), "main", {
          hazards,
          provides: [to.ref, `${to.parent}#changed`],
          ...extra,
        }),
      );
    if (a.generated !== undefined && b.generated === undefined) act("DROP EXPRESSION");
    const typeChanged = a.type !== b.type || (a.collation ?? "") !== (b.collation ?? "");
    const defaultChanged = !ctx.expressions.same(a.default, b.default);
    if (a.identity !== undefined && b.identity === undefined) act("DROP IDENTITY");
    if (typeChanged && a.default !== undefined) act("DROP DEFAULT");
    if (typeChanged) act(`TYPE ${renderType(b)}${usingClause(a, b)}`, typeChangeHazards(a, b), { invalidates: [to.ref] });
    if (typeChanged && b.default !== undefined) act(`SET DEFAULT ${b.default}`);
    else if (defaultChanged && !typeChanged) out.push(...ownDefault(ctx, to, a.default, b.default));
    // An identity column is NOT NULL and has no default: both must hold before ADD GENERATED.
    if (b.identity !== undefined && !a.not_null) act("SET NOT NULL", ["lock"]);
    if (a.identity === undefined && b.identity !== undefined) {
      act(`ADD ${renderIdentity(b.identity, columnIdentity(ctx, to, ctx.to))}`, [], {
        provides: [to.ref, `${to.parent}#changed`, ...identityRefs(ctx, to, ctx.to)],
      });
    } else if (a.identity !== undefined && b.identity !== undefined && a.identity !== b.identity)
      act(`SET GENERATED ${b.identity.toUpperCase()}`);
    if (Boolean(a.not_null) !== Boolean(b.not_null) && !b.identity) out.push(notNull(to, Boolean(b.not_null)));
    out.push(...columnSettings(to, a));
    return out;
  },

  rename(from, to) {
    const sql = alterTable(to.schema, to.table as string, `RENAME COLUMN ${ident(from.name)} TO ${ident(to.name)}`);
    return [statement("rename", to.ref, sql, "rename")];
  },

  target(item) {
    const table = `TABLE ${qname(item.schema, item.table as string)}`;
    return {
      comment: `COLUMN ${qname(item.schema, item.table as string)}.${ident(item.name)}`,
      grant: table,
      column: item.name,
      privilegeType: "column",
    };
  },
};

function columnsOf(table: Item<Table>): Item<Column>[] {
  return (table.value.columns ?? []).map((column) => ({
    ref: itemRef("column", table.schema as string, table.name, column.name),
    kind: "column",
    schema: table.schema,
    table: table.name,
    name: column.name,
    parent: table.ref,
    value: column,
    inline: true,
  }));
}

/**
 * SET / DROP NOT NULL. DROP on this table only: a child keeps its own NOT
 * NULL unless its column says otherwise (its own alter drops it then).
 */
export function notNull(item: Item<Column>, set: boolean): Statement {
  const table =
    set && !item.value.inherited
      ? alterTable(item.schema, item.table as string, "")
      : `ALTER TABLE ONLY ${qname(item.schema, item.table as string)} `;
  const sql = `${table}ALTER COLUMN ${ident(item.name)} ${set ? "SET" : "DROP"} NOT NULL`;
  return statement("alter", item.ref, sql, "main", { hazards: set ? ["lock"] : [], provides: [item.ref, `${item.parent}#changed`] });
}

/**
 * SET / DROP DEFAULT from `before` to `after`. A parent's default would
 * reach its children (inheritance and partitions), whose defaults are their
 * own in the model: a table that has children changes its own only (ONLY).
 */
export function ownDefault(scope: DiffContext, item: Item<Column>, before: string | undefined, after: string | undefined): Statement[] {
  if (scope.expressions.same(before, after)) return [];
  const schema = item.schema as string;
  const table = item.table as string;
  const parted = (db: Database) => db.schemas[schema]?.tables?.[table]?.partition_by !== undefined;
  const parent =
    parted(scope.from) ||
    parted(scope.to) ||
    inheritanceChildren(scope, scope.from, schema, table).length > 0 ||
    inheritanceChildren(scope, scope.to, schema, table).length > 0;
  const action = after === undefined ? "DROP DEFAULT" : `SET DEFAULT ${after}`;
  const sql = `ALTER TABLE ${parent ? "ONLY " : ""}${qname(schema, table)} ALTER COLUMN ${ident(item.name)} ${action}`;
  return [statement("alter", item.ref, sql, "main", { provides: [item.ref, `${item.parent}#changed`] })];
}

/**
 * What ALTER COLUMN sets apart from the column's definition: statistics
 * target, storage, compression and options (n_distinct, ...), from `before`
 * (undefined: a column just made, with everything at its default). On this
 * table only: these settings would otherwise reach its children too.
 */
export function columnSettings(item: Item<Column>, before: Column | undefined): Statement[] {
  const a: Column = before ?? { name: item.name, type: item.value.type };
  const b = item.value;
  const actions: string[] = [];
  if ((a.statistics ?? -1) !== (b.statistics ?? -1)) actions.push(`SET STATISTICS ${b.statistics ?? -1}`);
  const storage = storageChange(a, b);
  if (storage) actions.push(storage);
  if (b.compression !== undefined && a.compression !== b.compression) actions.push(`SET COMPRESSION ${b.compression}`);
  actions.push(...optionChanges(a.options, b.options));
  const table = `ALTER TABLE ONLY ${qname(item.schema, item.table as string)}`;
  return actions.map((action) =>
    statement("alter", item.ref, `${table} ALTER COLUMN ${ident(item.name)} ${action}`, "main", {
      provides: [item.ref, `${item.parent}#changed`],
    }),
  );
}

/**
 * SET STORAGE to `b`'s, or back to its type's (the model leaves that out):
 * `extended` for the variable-length built-in types, `main` for numeric,
 * `plain` for the rest (SET STORAGE DEFAULT needs PostgreSQL 16).
 */
export function storageChange(a: { storage?: string | undefined }, b: { type: string; storage?: string | undefined }): string | undefined {
  if (a.storage === b.storage) return undefined;
  return `SET STORAGE ${(b.storage ?? typeStorage(b.type)).toUpperCase()}`;
}

function typeStorage(type: string): string {
  if (/\[\]$/.test(type) || /^(text|character varying|bytea|jsonb?|xml|tsvector|tsquery|citext|character)\b/.test(type)) return "extended";
  return /^numeric\b/.test(type) ? "main" : "plain";
}

/** `RESET (a)` and `SET (b=1)` turning one list of `key=value` options into another. */
export function optionChanges(before: readonly string[] | undefined, after: readonly string[] | undefined): string[] {
  const key = (o: string) => o.split("=")[0] as string;
  const old = new Map((before ?? []).map((o) => [key(o), o]));
  const now = new Map((after ?? []).map((o) => [key(o), o]));
  const reset = [...old.keys()].filter((k) => !now.has(k));
  const set = [...now].filter(([k, v]) => old.get(k) !== v).map(([, v]) => v);
  return [...(reset.length > 0 ? [`RESET (${reset.join(", ")})`] : []), ...(set.length > 0 ? [`SET (${set.join(", ")})`] : [])];
}

/** The options of a column's identity sequence that are not PostgreSQL's own (see identity.ts). */
export function columnIdentity(scope: DiffScope, item: Item<Column>, db: Database): string[] {
  if (item.value.identity === undefined) return [];
  const schema = item.schema as string;
  const table = item.table as string;
  return identityOptions({ schema, name: table }, item.value, ownedSequence(scope, db, schema, table, item.name));
}

/** The identity sequence a statement adding an identity makes (so its drop under the same name comes first). */
function identityRefs(scope: DiffScope, item: Item<Column>, db: Database): string[] {
  if (item.value.identity === undefined) return [];
  const seq = ownedSequence(scope, db, item.schema as string, item.table as string, item.name);
  return seq ? [`sequence ${seq.schema}.${seq.name}`] : [];
}

/** One column as written in CREATE TABLE or ADD COLUMN; `identity`: its identity sequence's options. */
export function renderColumn(c: Column, identity: readonly string[] = []): string {
  const parts = [ident(c.name), renderType(c)];
  if (c.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${stripParens(c.generated)}) STORED`);
  if (c.identity !== undefined) parts.push(renderIdentity(c.identity, identity));
  if (c.default !== undefined && c.generated === undefined && c.identity === undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.not_null && c.identity === undefined) parts.push("NOT NULL");
  return parts.join(" ");
}

/** From the table of conversions; a new collation alone keeps the values but rebuilds the column's indexes. */
function typeChangeHazards(a: Column, b: Column): Hazard[] {
  const hazards = conversionHazards(a.type, b.type);
  return hazards.length === 0 && (a.collation ?? "") !== (b.collation ?? "") ? ["lock"] : hazards;
}

function renderType(c: Column): string {
  return c.collation === undefined ? c.type : `${c.type} COLLATE ${renderCollation(c.collation)}`;
}

export function renderCollation(name: string): string {
  if (name.startsWith('"')) return name;
  // `schema.name` as dbtoyaml writes it; each part quoted when needed (ICU names hold dashes: "en-US-x-icu").
  const dot = name.indexOf(".");
  return dot < 0 ? ident(name) : `${ident(name.slice(0, dot))}.${ident(name.slice(dot + 1))}`;
}

function stripParens(expr: string): string {
  const t = expr.trim();
  return t.startsWith("(") && t.endsWith(")") && balanced(t.slice(1, -1)) ? t.slice(1, -1) : t;
}

/** Families whose members convert to each other without an explicit cast. */
const families: RegExp[] = [
  /^(text|character varying|varchar|character|char|bpchar|name|citext)\b/,
  /^(smallint|integer|bigint|int2|int4|int8|numeric|decimal|real|double precision)\b/,
  /^(timestamp|date|time)\b/,
];

function familyOf(type: string): number {
  return families.findIndex((f) => f.test(type));
}

/**
 * `USING`: none within a family (an assignment cast exists); `col::new` when
 * an explicit cast is known (to or from a string type, boolean and
 * integer, json and jsonb); otherwise through text, which every type can be
 * written as and read from (a value that does not read fails loudly).
 */
function usingClause(a: Column, b: Column): string {
  const fa = familyOf(a.type);
  const fb = familyOf(b.type);
  if (fa >= 0 && fa === fb) return "";
  const direct =
    fa === 0 ||
    fb === 0 ||
    (a.type === "boolean" && b.type === "integer") ||
    (a.type === "integer" && b.type === "boolean") ||
    (/^jsonb?$/.test(a.type) && /^jsonb?$/.test(b.type));
  return direct ? ` USING ${ident(b.name)}::${b.type}` : ` USING ${ident(b.name)}::text::${b.type}`;
}
