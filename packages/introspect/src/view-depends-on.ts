import { defineKind } from "./framework.js";
import { notExtensionMember, relationCondition, schemaCondition, SqlParams, systemSchemaCondition } from "./sql.js";

interface Row {
  ev_class: number;
  ref: string;
}

/**
 * `depends_on` of views and materialized views, as Pyrseas's dbtoyaml
 * writes it: the tables, views and functions of the same schema that the
 * view's query reads (pg_depend of its `_RETURN` rule), named without their
 * schema (`table film`, `function f(integer)`). Pyrseas's yamltodb orders
 * its CREATE statements by it alone, so without it a view can come before
 * its table. pgvc infers these itself and ignores them when comparing;
 * only dbtoyaml reads them. A dependency on another schema is left out:
 * Pyrseas names it without its schema too, and pgvc would read that as
 * the view's own schema.
 */
export const viewDependsOn = defineKind<Row>({
  name: "view dependencies",
  scope: "relation",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT DISTINCT r.ev_class,
             (CASE WHEN c.oid IS NOT NULL
                   THEN CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'f' THEN 'foreign table ' ELSE 'table ' END || c.relname
                   ELSE CASE p.prokind WHEN 'a' THEN 'aggregate ' ELSE 'function ' END
                        || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' END) COLLATE "C" AS ref
        FROM pg_catalog.pg_rewrite r
        JOIN pg_catalog.pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
        JOIN pg_catalog.pg_namespace n ON n.oid = v.relnamespace
        JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND dep.objid = r.oid AND dep.deptype = 'n'
        LEFT JOIN pg_catalog.pg_class c ON dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = dep.refobjid
             AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.oid <> r.ev_class
        LEFT JOIN pg_catalog.pg_proc p ON dep.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND p.oid = dep.refobjid
        JOIN pg_catalog.pg_namespace tn ON tn.oid = COALESCE(c.relnamespace, p.pronamespace)
       WHERE r.rulename = '_RETURN'
         AND tn.oid = n.oid
         AND ${systemSchemaCondition("tn")}
         AND ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "v", ctx, params)}
         AND ${notExtensionMember("pg_class", "COALESCE(c.oid, 0)")}
         AND ${notExtensionMember("pg_proc", "COALESCE(p.oid, 0)")}
       ORDER BY r.ev_class, ref`;
    return { text, params: params.values };
  },
  apply(rows, _db, ctx) {
    for (const row of rows) {
      const view = ctx.relation(row.ev_class);
      if (view) ((view.object.depends_on ??= []) as string[]).push(row.ref);
    }
  },
});
