import type { Queryable } from "@pgvc/core";

/** A table to fill: its columns and the foreign keys it must satisfy. */
export interface FillTable {
  oid: number;
  schema: string;
  name: string;
  columns: FillColumn[];
  foreignKeys: FillForeignKey[];
}

export interface FillColumn {
  name: string;
  /** `format_type()` of the column: what a generated literal is cast to. */
  type: string;
  notNull: boolean;
  /** A default, an identity or a generated expression fills it already. */
  filledByServer: boolean;
  /** The base type's category and name (through domains and arrays' element types). */
  category: string;
  baseType: string;
  enumLabels: string[];
}

export interface FillForeignKey {
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
  refOid: number;
}

const tablesQuery = `
SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                    WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
 ORDER BY n.nspname, c.relname`;

// Domains are followed to their base type; an enum's labels come with it.
const columnsQuery = `
SELECT a.attrelid::int AS oid, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS filled,
       b.typcategory AS category, b.typname AS base_type,
       COALESCE((SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = b.oid), '{}') AS labels
  FROM pg_catalog.pg_attribute a
  JOIN LATERAL (
         WITH RECURSIVE up(oid, depth) AS (
           SELECT a.atttypid, 0
           UNION ALL
           SELECT t.typbasetype, up.depth + 1 FROM pg_catalog.pg_type t JOIN up ON t.oid = up.oid WHERE t.typtype = 'd')
         SELECT up.oid FROM up ORDER BY up.depth DESC LIMIT 1) base ON true
  JOIN pg_catalog.pg_type b ON b.oid = base.oid
 WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attrelid, a.attnum`;

const foreignKeysQuery = `
SELECT k.conrelid::int AS oid, k.confrelid::int AS ref_oid, rn.nspname AS ref_schema, r.relname AS ref_table,
       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
       ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS ref_columns
  FROM pg_catalog.pg_constraint k
  JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
 WHERE k.contype = 'f' AND k.conrelid = ANY($1::oid[])
 ORDER BY k.conrelid, k.conname`;

interface ColumnRow {
  oid: number;
  name: string;
  type: string;
  not_null: boolean;
  filled: boolean;
  category: string;
  base_type: string;
  labels: string[];
}

interface ForeignKeyRow {
  oid: number;
  ref_oid: number;
  ref_schema: string;
  ref_table: string;
  columns: string[];
  ref_columns: string[];
}

/** Every user table of the database (extensions' and partitions' aside) with what filling it needs. */
export async function readFillTables(db: Queryable): Promise<FillTable[]> {
  const { rows: tables } = await db.query<{ oid: number; schema: string; name: string }>(tablesQuery);
  const oids = tables.map((t) => t.oid);
  const [{ rows: columns }, { rows: keys }] = await Promise.all([
    db.query<ColumnRow>(columnsQuery, [oids]),
    db.query<ForeignKeyRow>(foreignKeysQuery, [oids]),
  ]);
  return tables.map((t) => ({
    ...t,
    columns: columns
      .filter((c) => c.oid === t.oid)
      .map((c) => ({
        name: c.name,
        type: c.type,
        notNull: c.not_null,
        filledByServer: c.filled,
        category: c.category,
        baseType: c.base_type,
        enumLabels: c.labels,
      })),
    foreignKeys: keys
      .filter((k) => k.oid === t.oid)
      .map((k) => ({ columns: k.columns, refSchema: k.ref_schema, refTable: k.ref_table, refColumns: k.ref_columns, refOid: k.ref_oid })),
  }));
}
