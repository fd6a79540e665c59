import type { IndexKey } from "@pgvc/model";

/**
 * The key columns and expressions of every index whose table passes
 * `tableFilter` (SQL over `c` pg_class and `n` pg_namespace), one row per
 * index: `indexrelid` and `keys`, a JSON array with one element per key:
 * the column name or the expression text from `pg_get_indexdef(oid, n,
 * true)`, the options that differ from the defaults (operator class,
 * collation, DESC, NULLS FIRST/LAST), and for an exclusion constraint its
 * operator. Join it on `indexrelid`. One flat, grouped query: the planner
 * hashes the small catalogs once instead of probing them per index.
 */
export function indexKeysSubquery(tableFilter: string): string {
  // The collation a key has without COLLATE: its column's, or its expression type's.
  // Scalar lookups by key, evaluated only for keys with a collation.
  const naturalCollation = `CASE WHEN k.attnum <> 0
        THEN (SELECT ta.attcollation FROM pg_catalog.pg_attribute ta WHERE ta.attrelid = k.indrelid AND ta.attnum = k.attnum)
        ELSE (SELECT kt.typcollation FROM pg_catalog.pg_attribute ia JOIN pg_catalog.pg_type kt ON kt.oid = ia.atttypid
               WHERE ia.attrelid = k.indexrelid AND ia.attnum = k.ord) END`;
  return `(SELECT k.indexrelid, pg_catalog.json_agg(pg_catalog.json_build_object(
              'column', CASE WHEN k.attnum <> 0 THEN
                  (SELECT ta.attname FROM pg_catalog.pg_attribute ta WHERE ta.attrelid = k.indrelid AND ta.attnum = k.attnum) END,
              'expression', CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(k.indexrelid, k.ord::int4, true) END,
              'opclass', CASE WHEN opn.nspname = 'pg_catalog' THEN opc.opcname ELSE opn.nspname || '.' || opc.opcname END,
              'collation', CASE WHEN k.collation <> 0 AND k.collation <> ${naturalCollation} THEN
                  CASE WHEN cn.nspname = 'pg_catalog' THEN co.collname ELSE cn.nspname || '.' || co.collname END END,
              'option', k.option,
              'operator', CASE WHEN opr_n.nspname = 'pg_catalog' THEN opr.oprname ELSE opr_n.nspname || '.' || opr.oprname END
            ) ORDER BY k.ord) AS keys
      FROM (SELECT i.indexrelid, i.indrelid, key.attnum, key.ord, i.indclass[key.ord - 1] AS opclass,
                   i.indcollation[key.ord - 1] AS collation, i.indoption[key.ord - 1] AS option
              FROM pg_catalog.pg_index i
              JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS key(attnum, ord)
             WHERE key.ord <= i.indnkeyatts AND ${tableFilter}) k
      LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = k.opclass AND NOT opc.opcdefault
      LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = k.collation
      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
      LEFT JOIN pg_catalog.pg_constraint xc ON xc.conindid = k.indexrelid AND xc.contype = 'x'
      LEFT JOIN pg_catalog.pg_operator opr ON opr.oid = xc.conexclop[k.ord]
      LEFT JOIN pg_catalog.pg_namespace opr_n ON opr_n.oid = opr.oprnamespace
     GROUP BY k.indexrelid)`;
}

/** The attnums of the INCLUDE columns of an index: those after its key columns. */
export function includedAttnums(indkey: readonly number[] | null, nkeyatts: number): number[] {
  return (indkey ?? []).slice(nkeyatts);
}

export interface IndexKeyRow {
  column: string | null;
  expression: string | null;
  opclass: string | null;
  collation: string | null;
  option: number;
  operator?: string | null;
}

const DESC = 1;
const NULLS_FIRST = 2;

/** Order and nulls when they differ from the default (ASC NULLS LAST, DESC NULLS FIRST). */
function ordering(option: number): { order?: "desc"; nulls?: "first" | "last" } {
  const desc = (option & DESC) !== 0;
  const nullsFirst = (option & NULLS_FIRST) !== 0;
  const out: { order?: "desc"; nulls?: "first" | "last" } = {};
  if (desc) out.order = "desc";
  if (desc !== nullsFirst) out.nulls = nullsFirst ? "first" : "last";
  return out;
}

/** An index key in the model: the bare column name, or `{name-or-expression: {options}}`. */
export function indexKey(row: IndexKeyRow): IndexKey {
  const options: Record<string, unknown> = {};
  if (row.column === null) options.type = "expression";
  Object.assign(options, ordering(row.option));
  if (row.opclass) options.opclass = row.opclass;
  if (row.collation) options.collation = row.collation;
  const name = row.column ?? row.expression ?? "";
  return Object.keys(options).length === 0 ? name : { [name]: options };
}

/** An exclusion constraint element: `{name-or-expression: {operator, ...}}`. */
export function exclusionElement(row: IndexKeyRow): Record<string, Record<string, unknown>> {
  const options: Record<string, unknown> = { operator: row.operator ?? "" };
  if (row.opclass) options.opclass = row.opclass;
  Object.assign(options, ordering(row.option));
  return { [row.column ?? row.expression ?? ""]: options };
}
