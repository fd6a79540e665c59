import type { IndexKey } from "@pgvc/model";

/**
 * The key columns and expressions of an index (`i`, a pg_index row) as a
 * JSON array, one element per key: the column name or the expression text
 * from `pg_get_indexdef(oid, n, true)`, and only the options that differ
 * from the defaults (operator class, collation, DESC, NULLS FIRST/LAST).
 * `operator`, when given, is SQL over `k.ord` for exclusion operators.
 */
export function indexKeysSql(i: string, operator?: string): string {
  return `(SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
              'column', CASE WHEN k.attnum <> 0 THEN ta.attname END,
              'expression', CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(${i}.indexrelid, k.ord::int4, true) END,
              'opclass', CASE WHEN NOT opc.opcdefault THEN
                  CASE WHEN opn.nspname = 'pg_catalog' THEN opc.opcname ELSE opn.nspname || '.' || opc.opcname END END,
              'collation', CASE WHEN ${i}.indcollation[k.ord - 1] <> 0
                                 AND ${i}.indcollation[k.ord - 1] <> COALESCE(ta.attcollation, kt.typcollation) THEN
                  CASE WHEN cn.nspname = 'pg_catalog' THEN co.collname ELSE cn.nspname || '.' || co.collname END END,
              'option', ${i}.indoption[k.ord - 1]${operator ? `,\n              'operator', ${operator}` : ""}) ORDER BY k.ord)
      FROM pg_catalog.unnest(${i}.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
      LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = ${i}.indrelid AND ta.attnum = k.attnum
      LEFT JOIN pg_catalog.pg_attribute ia ON ia.attrelid = ${i}.indexrelid AND ia.attnum = k.ord
      LEFT JOIN pg_catalog.pg_type kt ON kt.oid = ia.atttypid
      LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = ${i}.indclass[k.ord - 1]
      LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = ${i}.indcollation[k.ord - 1]
      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
     WHERE k.ord <= ${i}.indnkeyatts)`;
}

/** Names of the INCLUDE columns of index `i`. */
export function includeColumnsSql(i: string): string {
  return `ARRAY(SELECT ta.attname::text
      FROM pg_catalog.unnest(${i}.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_catalog.pg_attribute ta ON ta.attrelid = ${i}.indrelid AND ta.attnum = k.attnum
     WHERE k.ord > ${i}.indnkeyatts ORDER BY k.ord)`;
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
