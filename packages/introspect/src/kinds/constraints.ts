import { defineKind, partitionCopiesOf, setIf } from "../framework.js";
import { exclusionElement, includedAttnums, indexKeysSubquery, type IndexKeyRow } from "../index-keys.js";
import { descriptionJoin, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  conrelid: number;
  /** A partition's copy of its parent's key or foreign key. */
  copy: boolean;
  conname: string;
  contype: string;
  condeferrable: boolean;
  condeferred: boolean;
  convalidated: boolean;
  conislocal: boolean;
  connoinherit: boolean;
  description: string | null;
  conkey: number[] | null;
  indkey: number[] | null;
  indnkeyatts: number | null;
  /** Filled in apply from the column names the columns kind read. */
  columns: string[];
  include: string[];
  amname: string | null;
  tablespace: string | null;
  indisclustered: boolean | null;
  nulls_not_distinct: boolean | null;
  period: boolean;
  predicate: string | null;
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
  confupdtype: string;
  confdeltype: string;
  confmatchtype: string;
  expression: string | null;
  elements: IndexKeyRow[] | null;
}

const actions: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
const matches: Record<string, string> = { s: "simple", f: "full", p: "partial" };
const fields: Record<string, string> = {
  p: "primary_key",
  u: "unique_constraints",
  f: "foreign_keys",
  c: "check_constraints",
  x: "exclusion_constraints",
};

/**
 * Table constraints: primary key, unique, foreign keys, checks, exclusion.
 * Keys and foreign keys a partition has from its partitioned parent
 * (`conparentid`) are the parent's and not repeated: they go to
 * `partitionCopies` (not the rows PostgreSQL adds for each partition a
 * foreign key references). NOT NULL rows of PostgreSQL 18 are not read
 * (the column's `not_null` says it).
 */
export const constraints = defineKind<Row>({
  name: "constraints",
  scope: "relation",
  cost: 3,
  query(ctx) {
    const params = new SqlParams();
    const tables = `c.relkind IN ('r', 'p', 'f') AND ${schemaCondition("n", ctx, params)} AND ${relationCondition("n", "c", ctx, params)}`;
    const text = `
      SELECT con.conrelid, con.conname, con.contype, con.condeferrable, con.condeferred, con.convalidated,
             con.conislocal, con.connoinherit, d.description,
             con.conkey::int2[] AS conkey, i.indkey::int2[] AS indkey, i.indnkeyatts,
             am.amname, ts.spcname AS tablespace, i.indisclustered,
             ${ctx.dialect.indexNullsNotDistinct} AS nulls_not_distinct, ${ctx.dialect.constraintPeriod} AS period,
             CASE WHEN con.contype = 'x' THEN pg_catalog.pg_get_expr(i.indpred, i.indrelid) END AS predicate,
             rn.nspname AS ref_schema, rc.relname AS ref_table,
             CASE WHEN con.contype = 'f' THEN
               ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) END AS ref_columns,
             con.confupdtype, con.confdeltype, con.confmatchtype,
             CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END AS expression,
             CASE WHEN con.contype = 'x' THEN ik.keys END AS elements,
             con.contype <> 'c' AND con.conparentid <> 0 AS copy
        FROM pg_catalog.pg_constraint con
        JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = con.conindid AND con.contype IN ('p', 'u', 'x')
        LEFT JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        LEFT JOIN pg_catalog.pg_am am ON am.oid = ic.relam
        LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = ic.reltablespace
        LEFT JOIN ${indexKeysSubquery(`${tables} AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint x WHERE x.conindid = i.indexrelid AND x.contype = 'x')`)} ik
               ON ik.indexrelid = i.indexrelid AND con.contype = 'x'
        LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid AND con.contype = 'f'
        LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
        ${descriptionJoin("d", "pg_constraint", "con.oid")}
       WHERE con.contype = ANY(${params.add(ctx.dialect.tableConstraintTypes)}::"char"[])
         AND (con.contype = 'c' OR con.conparentid = 0
              OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc JOIN pg_catalog.pg_inherits ih ON ih.inhparent = pc.conrelid
                          WHERE pc.oid = con.conparentid AND ih.inhrelid = con.conrelid))
         AND ${tables}
       ORDER BY con.conrelid, con.conname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const owner = ctx.relation(row.conrelid);
      const field = fields[row.contype];
      if (!owner || !field) continue;
      row.columns = ctx.columnNamesOf(row.conrelid, row.conkey);
      row.include = ctx.columnNamesOf(row.conrelid, includedAttnums(row.indkey, row.indnkeyatts ?? 0));
      const constraint = build(row);
      if (row.condeferrable) constraint.deferrable = true;
      if (row.condeferred) constraint.deferred = true;
      setIf(constraint, "description", row.description);
      const holder = row.copy ? partitionCopiesOf(db, owner) : owner.object;
      ((holder[field] ??= {}) as Record<string, unknown>)[row.conname] = constraint;
    }
  },
});

function build(row: Row): Record<string, unknown> {
  switch (row.contype) {
    case "p":
    case "u":
      return keyConstraint(row);
    case "f":
      return foreignKey(row);
    case "c":
      return check(row);
    default:
      return exclusion(row);
  }
}

function indexAttributes(target: Record<string, unknown>, row: Row): void {
  if (row.include.length > 0) target.include = row.include;
  setIf(target, "access_method", row.amname, "btree");
  setIf(target, "tablespace", row.tablespace);
  if (row.indisclustered) target.cluster = true;
}

function keyConstraint(row: Row): Record<string, unknown> {
  const target: Record<string, unknown> = { columns: row.columns };
  indexAttributes(target, row);
  if (row.nulls_not_distinct) target.nulls_not_distinct = true;
  // WITHOUT OVERLAPS makes a GiST index: the access method goes without saying.
  if (row.period) {
    target.without_overlaps = true;
    if (target.access_method === "gist") delete target.access_method;
  }
  return target;
}

function foreignKey(row: Row): Record<string, unknown> {
  const target: Record<string, unknown> = {
    columns: row.columns,
    references: { schema: row.ref_schema, table: row.ref_table, columns: row.ref_columns ?? [] },
  };
  setIf(target, "on_update", actions[row.confupdtype], "no action");
  setIf(target, "on_delete", actions[row.confdeltype], "no action");
  setIf(target, "match", matches[row.confmatchtype], "simple");
  if (!row.convalidated) target.not_valid = true;
  if (row.period) target.period = true;
  return target;
}

function check(row: Row): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  if (row.columns.length > 0) target.columns = row.columns;
  target.expression = row.expression ?? "";
  if (!row.conislocal) target.inherited = true;
  if (row.connoinherit) target.no_inherit = true;
  if (!row.convalidated) target.not_valid = true;
  return target;
}

function exclusion(row: Row): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  indexAttributes(target, row);
  target.elements = (row.elements ?? []).map(exclusionElement);
  setIf(target, "predicate", row.predicate);
  return target;
}
