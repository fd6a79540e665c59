import type { Database, Index, IndexKey, KeyConstraint, PartitionCopies, Table } from "@pgvc/model";
import type { DiffContext, DiffScope, Item } from "../differ.js";
import { canonicalSql } from "../normalize.js";
import { splitQualified } from "../render.js";
import { itemRef } from "./common.js";
import { canonicalKey } from "./indexes.js";
import { parentsOf } from "./inheritance.js";

/**
 * A partitioned table's indexes, keys and foreign keys have a copy on each
 * partition, which PostgreSQL makes and names. The YAML lists each once, on
 * the parent; two moments make the copies matter:
 *
 * - DETACH PARTITION leaves the table its copies as its own, under their
 *   names (only cloned triggers go). The diff reads them as the table's own
 *   from then on: one the target keeps is left alone, one it does not keep
 *   is dropped after the detach.
 * - CREATE INDEX or ADD UNIQUE / PRIMARY KEY on a partitioned table, and
 *   ATTACH PARTITION, take a partition's own index or key of the same shape
 *   as its copy, instead of making one. That index then is no longer the
 *   partition's own. So a partition's own index or key of the shape of an
 *   ancestor's is made after the ancestor's, and one that exists already is
 *   made again (dropped before, created after) when the ancestor's is new or
 *   the table is attached.
 */

/** `schema.table` of a table's parent when it is a partition. */
function parentOf(table: Table | undefined, schema: string): string | undefined {
  const parent = table === undefined ? undefined : parentsOf(table, schema).find((p) => p.partition);
  return parent === undefined ? undefined : `${parent.schema}.${parent.name}`;
}

function tableAt(db: Database, qualified: string): Table | undefined {
  const { schema, name } = splitQualified(qualified);
  return schema === undefined ? undefined : db.schemas[schema]?.tables?.[name];
}

/** The table leaves its partitioned parent for none or another: DETACH PARTITION runs. */
function detaches(from: Database, to: Database, qualified: string): boolean {
  const { schema, name } = splitQualified(qualified);
  if (schema === undefined) return false;
  const before = parentOf(from.schemas[schema]?.tables?.[name], schema);
  const after = to.schemas[schema]?.tables?.[name];
  return before !== undefined && after !== undefined && parentOf(after, schema) !== before;
}

/**
 * `from` with the copies of each partition that is detached read as the
 * table's own (a new model when there are any; `from` is not changed).
 */
export function withDetachedCopies(from: Database, to: Database): Database {
  const copies = from.partitionCopies;
  if (copies === undefined) return from;
  const moving = Object.keys(copies).filter((qualified) => detaches(from, to, qualified));
  if (moving.length === 0) return from;
  const schemas = { ...from.schemas };
  for (const qualified of moving) {
    const { schema, name } = splitQualified(qualified) as { schema: string; name: string };
    const content = schemas[schema] as NonNullable<Database["schemas"][string]>;
    const table = content.tables?.[name] as Table;
    const kept = keptByDetach(from, copies[qualified] as PartitionCopies);
    schemas[schema] = { ...content, tables: { ...content.tables, [name]: withCopies(table, kept) } };
  }
  return { ...from, schemas };
}

/**
 * The copies DETACH PARTITION leaves: before PostgreSQL 15 it drops a
 * foreign key's copy when the key references a partitioned table (seen on
 * 14; 15 and later keep it).
 */
function keptByDetach(from: Database, copies: PartitionCopies): PartitionCopies {
  if (copies.foreign_keys === undefined || (from.serverVersionNum ?? 150000) >= 150000) return copies;
  const keys = Object.entries(copies.foreign_keys).filter(([, fk]) => {
    const referenced = from.schemas[fk.references.schema ?? ""]?.tables?.[fk.references.table];
    return referenced?.partition_by === undefined;
  });
  return { ...copies, foreign_keys: Object.fromEntries(keys) };
}

const copyFields = ["indexes", "primary_key", "unique_constraints", "exclusion_constraints", "foreign_keys"] as const;

function withCopies(table: Table, copies: PartitionCopies): Table {
  const out: Table = { ...table };
  for (const field of copyFields) {
    const extra = copies[field];
    if (extra !== undefined) (out as Record<string, unknown>)[field] = { ...(table[field] ?? {}), ...extra };
  }
  return out;
}

/**
 * What DETACH PARTITION of `schema.table` lets go of on the old side: the
 * copies (now the table's own; one the target drops goes after the
 * detach), and the parent's indexes and constraints, which are dropped
 * after it so that the copies stay.
 */
export function detachReleases(ctx: DiffContext, schema: string, table: string): string[] {
  const copies = ctx.from.partitionCopies?.[`${schema}.${table}`];
  const parent = parentOf(ctx.from.schemas[schema]?.tables?.[table], schema);
  const parentTable = parent === undefined ? undefined : tableAt(ctx.from, parent);
  const out: string[] = [];
  const add = (holder: PartitionCopies | undefined, owner: { schema: string; name: string }) => {
    for (const name of Object.keys(holder?.indexes ?? {})) out.push(itemRef("index", owner.schema, name));
    for (const field of copyFields)
      if (field !== "indexes")
        for (const name of Object.keys(holder?.[field] ?? {})) out.push(itemRef("constraint", owner.schema, owner.name, name));
  };
  add(copies, { schema, name: table });
  if (parent !== undefined) add(parentTable, splitQualified(parent) as { schema: string; name: string });
  return out;
}

/**
 * How PostgreSQL tells whether an index can stand for another's copy
 * (CompareIndexInfo): method, uniqueness, keys with their operator classes
 * and collations, included columns, predicate; not the keys' order (an
 * index on `id DESC` is taken for the copy of one on `id`), not storage
 * parameters or tablespace.
 */
function indexShape(x: Index, withOrder = false): string {
  return JSON.stringify([
    x.unique ?? false,
    x.access_method ?? "btree",
    x.nulls_not_distinct ?? false,
    x.keys.map(withOrder ? canonicalKey : keyWithoutOrder),
    x.include ?? [],
    x.predicate === undefined ? null : canonicalSql(x.predicate),
  ]);
}

function keyWithoutOrder(key: IndexKey): unknown {
  if (typeof key === "string") return key;
  const [name, opts] = Object.entries(key)[0] as [string, Record<string, unknown>];
  const { order: _order, nulls: _nulls, ...rest } = opts;
  // `id DESC` is written `{id: {order: desc}}`, `id` bare: without the order both are `id`.
  return Object.keys(rest).length === 0 ? name : canonicalKey({ [name]: rest });
}

function keyShape(x: KeyConstraint): string {
  return JSON.stringify([
    x.access_method ?? "btree",
    x.nulls_not_distinct ?? false,
    x.columns,
    x.include ?? [],
    x.without_overlaps ?? false,
  ]);
}

type Found = { ref: string };

/** The ancestors of a partition in `db`, nearest first (the parent's copies are not listed: theirs are). */
function ancestors(db: Database, schema: string, table: string): { schema: string; name: string; table: Table }[] {
  const out: { schema: string; name: string; table: Table }[] = [];
  const seen = new Set<string>();
  for (let parent = parentOf(db.schemas[schema]?.tables?.[table], schema); parent !== undefined && !seen.has(parent);) {
    seen.add(parent);
    const { schema: ps, name } = splitQualified(parent) as { schema: string; name: string };
    const value = db.schemas[ps]?.tables?.[name];
    if (value === undefined) break;
    out.push({ schema: ps, name, table: value });
    parent = parentOf(value, ps);
  }
  return out;
}

/**
 * The indexes or key constraints of the ancestors of `item`'s table in the
 * target that PostgreSQL would take `item` (an index, or a primary key or
 * unique constraint, of a partition) for the copy of.
 */
export function adoptedAs(scope: DiffScope, db: Database, item: Item): Found[] {
  const schema = item.schema as string;
  const table = item.table as string;
  const isIndex = item.kind === "index";
  if (!isIndex && item.form !== "primary_key" && item.form !== "unique_constraints") return [];
  const above = scope.memo(db, `ancestors ${schema}.${table}`, () => ancestors(db, schema, table));
  if (above.length === 0) return [];
  const shape = isIndex ? indexShape(item.value as Index) : keyShape(item.value as KeyConstraint);
  const out: Found[] = [];
  for (const up of above) {
    if (isIndex) {
      for (const [name, index] of Object.entries(up.table.indexes ?? {}))
        if (indexShape(index) === shape) out.push({ ref: itemRef("index", up.schema, name) });
      continue;
    }
    // A primary key is taken only for a primary key's copy, a unique constraint for a unique one's.
    const field = item.form as "primary_key" | "unique_constraints";
    for (const [name, key] of Object.entries(up.table[field] ?? {}))
      if (keyShape(key) === shape) out.push({ ref: itemRef("constraint", up.schema, up.name, name) });
  }
  return out;
}

/** ATTACH PARTITION runs for the table: a new parent, or a new bound (DETACH, then ATTACH again). */
function attaches(ctx: DiffContext, schema: string, table: string): boolean {
  const before = ctx.from.schemas[schema]?.tables?.[table];
  const after = ctx.to.schemas[schema]?.tables?.[table];
  if (after?.partition_of === undefined) return false;
  return parentOf(after, schema) !== parentOf(before, schema) || after.partition_bound_spec !== before?.partition_bound_spec;
}

/** PostgreSQL takes the object for a copy in this change: its table is attached, or the ancestor's is made. */
function takenNow(ctx: DiffContext, item: Item, found: Found[]): boolean {
  return attaches(ctx, item.schema as string, item.table as string) || found.some((f) => ctx.isCreated(f.ref));
}

/**
 * A partition's own index or key that the target no longer lists and that
 * PostgreSQL will take for the copy of an ancestor's, as its table is
 * attached or the ancestor's is made: it is left to be taken, not dropped
 * for a copy to be built anew (a table filled beside a partitioned one,
 * indexed like it and attached keeps its indexes). Only when it is the one
 * candidate: PostgreSQL takes the first it finds.
 */
export function takenInsteadOfDropped(item: Item, ctx: DiffContext): boolean {
  const schema = item.schema as string;
  const table = item.table as string;
  const tableRef = itemRef("table", schema, table);
  if (ctx.toItem(tableRef) === undefined || ctx.isDropped(tableRef)) return false;
  const found = adoptedAs(ctx, ctx.to, item);
  if (found.length !== 1 || !takenNow(ctx, item, found)) return false;
  // Only as it would be made: an index on `id DESC` taken for the copy of one on `id` would stay DESC.
  if (item.kind === "index" && !sameOrder(ctx, item.value as Index, (found[0] as Found).ref)) return false;
  const own = ctx.from.schemas[schema]?.tables?.[table];
  // The others of its shape in another order are dropped before (they fail `sameOrder`): they are no rivals.
  const shape = item.kind === "index" ? indexShape(item.value as Index, true) : keyShape(item.value as KeyConstraint);
  const rivals =
    item.kind === "index"
      ? Object.entries(own?.indexes ?? {}).filter(
          ([name, x]) => !ctx.toItem(itemRef("index", schema, name)) && indexShape(x, true) === shape,
        )
      : Object.entries(own?.[item.form as "primary_key" | "unique_constraints"] ?? {}).filter(
          ([name, x]) => !ctx.toItem(itemRef("constraint", schema, table, name)) && keyShape(x) === shape,
        );
  return rivals.length === 1;
}

function sameOrder(ctx: DiffContext, index: Index, parentRef: string): boolean {
  const parent = ctx.toItem(parentRef)?.value as Index | undefined;
  return parent !== undefined && indexShape(parent, true) === indexShape(index, true);
}

/**
 * Why a partition's own index or key (on both sides, unchanged) is made
 * again: PostgreSQL would take it for the copy of an ancestor's that is
 * new, or of one it gains by ATTACH PARTITION.
 */
export function takenAsCopy(item: Item, ctx: DiffContext): string | undefined {
  const found = adoptedAs(ctx, ctx.to, item);
  if (found.length === 0) return undefined;
  if (takenNow(ctx, item, found))
    return "PostgreSQL would take it for its partition's copy of the partitioned table's own, made in this change";
  return undefined;
}
