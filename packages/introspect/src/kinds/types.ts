import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  oid: number;
  nspname: string;
  typname: string;
  typtype: string;
  typrelid: number;
  owner: string;
  acl: string[] | null;
  description: string | null;
  labels: string[] | null;
  subtype: string | null;
  subtype_opclass: string | null;
  range_collation: string | null;
  canonical: string | null;
  subtype_diff: string | null;
  multirange: string | null;
  input: string;
  output: string;
  receive: string;
  send: string;
  typmod_in: string;
  typmod_out: string;
  analyze: string;
  typlen: number;
  typalign: string;
  typstorage: string;
  typdelim: string;
  typcategory: string;
  typispreferred: boolean;
}

const alignment: Record<string, string> = { c: "char", s: "int2", i: "int4", d: "double" };
const storage: Record<string, string> = { p: "plain", e: "external", x: "extended", m: "main" };

/**
 * `type NAME`: enums, composite types (their attributes come with the
 * columns kind), ranges and base types. Array types, multiranges (which
 * PostgreSQL makes for each range) and table row types are not listed.
 */
export const types = defineKind<Row>({
  name: "types",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT t.oid, n.nspname, t.typname, t.typtype, t.typrelid,
             pg_catalog.pg_get_userbyid(t.typowner) AS owner, t.typacl::text[] AS acl, d.description,
             CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels,
             pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
             CASE WHEN NOT opc.opcdefault THEN opc.opcname END AS subtype_opclass,
             CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN co.collname END AS range_collation,
             NULLIF(r.rngcanonical::regproc::text, '-') AS canonical,
             NULLIF(r.rngsubdiff::regproc::text, '-') AS subtype_diff,
             mt.typname AS multirange,
             t.typinput::text AS input, t.typoutput::text AS output, t.typreceive::text AS receive, t.typsend::text AS send,
             t.typmodin::text AS typmod_in, t.typmodout::text AS typmod_out, t.typanalyze::text AS analyze,
             t.typlen, t.typalign, t.typstorage, t.typdelim, t.typcategory, t.typispreferred
        FROM pg_catalog.pg_type t
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_catalog.pg_class rel ON rel.oid = t.typrelid
        LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
        LEFT JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
        LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
        LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
        LEFT JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid
        ${descriptionJoin("d", "pg_type", "t.oid")}
       WHERE (t.typtype IN ('e', 'r') OR (t.typtype = 'c' AND rel.relkind = 'c')
              OR (t.typtype = 'b' AND NOT (t.typelem <> 0 AND t.typlen = -1 AND EXISTS (
                    SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid))))
         AND ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_type", "t.oid")}
       ORDER BY n.nspname, t.typname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      if (row.typtype === "e") object.labels = row.labels ?? [];
      if (row.typtype === "r") rangeAttributes(object, row);
      if (row.typtype === "b") baseAttributes(object, row);
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "type", row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "types", row.typname, object);
      if (row.typtype === "c")
        ctx.registerRelation(row.typrelid, { schema: row.nspname, name: row.typname, kind: "type", owner: row.owner, object });
    }
  },
});

/** PostgreSQL's own name for a range's multirange: "multi" before the first `range`, else `_multirange` appended. */
export function defaultMultirangeName(range: string): string {
  return range.includes("range") ? range.replace("range", "multirange") : `${range}_multirange`;
}

function rangeAttributes(object: Record<string, unknown>, row: Row): void {
  setIf(object, "subtype", row.subtype);
  setIf(object, "subtype_opclass", row.subtype_opclass);
  setIf(object, "collation", row.range_collation);
  setIf(object, "canonical", row.canonical);
  setIf(object, "subtype_diff", row.subtype_diff);
  if (row.multirange && row.multirange !== defaultMultirangeName(row.typname)) object.multirange_type_name = row.multirange;
}

function baseAttributes(object: Record<string, unknown>, row: Row): void {
  object.input = row.input;
  object.output = row.output;
  for (const key of ["receive", "send", "typmod_in", "typmod_out", "analyze"] as const) setIf(object, key, row[key], "-");
  object.internallength = row.typlen < 0 ? "variable" : row.typlen;
  object.alignment = alignment[row.typalign];
  object.storage = storage[row.typstorage];
  setIf(object, "delimiter", row.typdelim, ",");
  setIf(object, "category", row.typcategory, "U");
  if (row.typispreferred) object.preferred = true;
}
