import type { Database } from "@pgvc/model";
import { systemSchemaCondition, type KindQuery } from "./sql.js";

/**
 * `db.dependencies`: for each object, the objects it needs to exist first,
 * from pg_depend in one query, both ends named in `formatRef` form. Parts
 * of an object are named by the object they are created with:
 *
 * - a column, its default, a primary key, unique, check or exclusion
 *   constraint and the index behind one: `table S.T`;
 * - a view's `_RETURN` rule: `view S.V` / `materialized view S.V`;
 * - a row type: its relation; an array type: its element type; a
 *   multirange: its range type;
 * - foreign keys `constraint S.T.N`, triggers `trigger S.T.N`, other rules
 *   `rule S.T.N`, policies `policy S.T.N`, extended statistics
 *   `statistics S.T.N`, other indexes `index S.N`;
 * - routines `function S.f(identity args)` (also `procedure`, `aggregate`);
 * - anything that belongs to an extension: `extension X`.
 *
 * Normal and automatic dependencies are read (internal, extension and pin
 * ones are the object's own). An owned sequence's automatic dependency on
 * its table is left out: the table's default needs the sequence first, and
 * the ownership is `owner_table` in the model.
 */
const objectsSql = (sys: (nsp: string) => string) => `
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass AS classid, c.oid AS objid,
         CASE WHEN c.relkind IN ('i', 'I') AND ic.conname IS NOT NULL THEN 'table ' || n.nspname || '.' || tc.relname
              ELSE CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'table ' WHEN 'v' THEN 'view '
                     WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table '
                     WHEN 'c' THEN 'type ' ELSE 'index ' END || n.nspname || '.' || c.relname END AS ref
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_constraint ic ON ic.conindid = c.oid AND ic.contype IN ('p', 'u', 'x') AND c.relkind IN ('i', 'I')
    LEFT JOIN pg_catalog.pg_class tc ON tc.oid = ic.conrelid
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c', 'i', 'I') AND ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid,
         CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END
           || n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE ${sys("n")}
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                      WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid AND i.deptype = 'i')
  UNION ALL
  SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid,
         CASE WHEN rel.relkind IN ('r', 'p') THEN 'table ' WHEN rel.relkind = 'v' THEN 'view '
              WHEN rel.relkind = 'm' THEN 'materialized view ' WHEN rel.relkind = 'f' THEN 'foreign table '
              WHEN b.typtype = 'd' THEN 'domain ' ELSE 'type ' END
           || n.nspname || '.' || COALESCE(rel.relname, b.typname)
    FROM pg_catalog.pg_type t
    LEFT JOIN pg_catalog.pg_type el ON el.typarray = t.oid
    LEFT JOIN pg_catalog.pg_range mr ON mr.rngmultitypid = t.oid
    JOIN pg_catalog.pg_type b ON b.oid = COALESCE(el.oid, mr.rngtypid, t.oid)
    JOIN pg_catalog.pg_namespace n ON n.oid = b.typnamespace
    LEFT JOIN pg_catalog.pg_class rel ON rel.oid = b.typrelid
   WHERE ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass, con.oid,
         CASE WHEN con.contypid <> 0 THEN 'domain ' || n.nspname || '.' || ty.typname
              WHEN con.contype = 'f' THEN 'constraint ' || n.nspname || '.' || c.relname || '.' || con.conname
              ELSE 'table ' || n.nspname || '.' || c.relname END
    FROM pg_catalog.pg_constraint con
    LEFT JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
    LEFT JOIN pg_catalog.pg_type ty ON ty.oid = con.contypid
    JOIN pg_catalog.pg_namespace n ON n.oid = COALESCE(c.relnamespace, ty.typnamespace)
   WHERE ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_attrdef'::pg_catalog.regclass, ad.oid, 'table ' || n.nspname || '.' || c.relname
    FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_class c ON c.oid = ad.adrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_trigger'::pg_catalog.regclass, t.oid, 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname
    FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE NOT t.tgisinternal AND ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid,
         CASE WHEN r.rulename = '_RETURN' THEN CASE c.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END || n.nspname || '.' || c.relname
              ELSE 'rule ' || n.nspname || '.' || c.relname || '.' || r.rulename END
    FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_policy'::pg_catalog.regclass, pol.oid, 'policy ' || n.nspname || '.' || c.relname || '.' || pol.polname
    FROM pg_catalog.pg_policy pol JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, x.oid, 'statistics ' || n.nspname || '.' || c.relname || '.' || x.stxname
    FROM pg_catalog.pg_statistic_ext x JOIN pg_catalog.pg_class c ON c.oid = x.stxrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'schema ' || n.nspname
    FROM pg_catalog.pg_namespace n WHERE ${sys("n")}
  UNION ALL
  SELECT 'pg_catalog.pg_extension'::pg_catalog.regclass, x.oid, 'extension ' || x.extname FROM pg_catalog.pg_extension x
  UNION ALL ${rarerObjectsSql(sys)}`;

/**
 * The rarer kinds, named as their differs name them (kinds/operators.ts,
 * kinds/textsearch.ts, ... in @pgvc/diff), so that an index on an operator
 * class, a column with a collation or a table on a foreign server is
 * ordered after it.
 */
const schemaObject = (catalog: string, alias: string, prefix: string, name: string, nsp: string) => `
  SELECT 'pg_catalog.${catalog}'::pg_catalog.regclass, ${alias}.oid, '${prefix} ' || n.nspname || '.' || ${name}
    FROM pg_catalog.${catalog} ${alias} JOIN pg_catalog.pg_namespace n ON n.oid = ${alias}.${nsp}
   WHERE ${alias}.oid >= 16384`;
const operand = (oid: string) => `CASE WHEN ${oid} = 0 THEN 'NONE' ELSE pg_catalog.format_type(${oid}, NULL) END`;
const rarerObjectsSql = (sys: (nsp: string) => string) =>
  [
    schemaObject("pg_collation", "co", "collation", "co.collname", "collnamespace"),
    schemaObject("pg_conversion", "cv", "conversion", "cv.conname", "connamespace"),
    schemaObject(
      "pg_operator",
      "o",
      "operator",
      `o.oprname || '(' || ${operand("o.oprleft")} || ', ' || ${operand("o.oprright")} || ')'`,
      "oprnamespace",
    ),
    schemaObject(
      "pg_opclass",
      "oc",
      "operator class",
      "oc.opcname || ' using ' || (SELECT amname FROM pg_catalog.pg_am WHERE oid = oc.opcmethod)",
      "opcnamespace",
    ),
    schemaObject(
      "pg_opfamily",
      "of",
      "operator family",
      "of.opfname || ' using ' || (SELECT amname FROM pg_catalog.pg_am WHERE oid = of.opfmethod)",
      "opfnamespace",
    ),
    schemaObject("pg_ts_config", "tc", "text search configuration", "tc.cfgname", "cfgnamespace"),
    schemaObject("pg_ts_dict", "td", "text search dictionary", "td.dictname", "dictnamespace"),
    schemaObject("pg_ts_parser", "tp", "text search parser", "tp.prsname", "prsnamespace"),
    schemaObject("pg_ts_template", "tt", "text search template", "tt.tmplname", "tmplnamespace"),
  ]
    .map((branch) => `${branch} AND ${sys("n")}`)
    .concat([
      `SELECT 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass, w.oid, 'foreign data wrapper ' || w.fdwname FROM pg_catalog.pg_foreign_data_wrapper w`,
      `SELECT 'pg_catalog.pg_foreign_server'::pg_catalog.regclass, fs.oid, 'server ' || fs.srvname FROM pg_catalog.pg_foreign_server fs`,
      `SELECT 'pg_catalog.pg_user_mapping'::pg_catalog.regclass, um.umid, 'user mapping for ' || CASE WHEN um.umuser = 0 THEN 'PUBLIC' ELSE um.usename END || ' server ' || um.srvname
         FROM pg_catalog.pg_user_mappings um`,
      `SELECT 'pg_catalog.pg_event_trigger'::pg_catalog.regclass, et.oid, 'event trigger ' || et.evtname FROM pg_catalog.pg_event_trigger et`,
      `SELECT 'pg_catalog.pg_cast'::pg_catalog.regclass, ca.oid,
              'cast (' || pg_catalog.format_type(ca.castsource, NULL) || ' as ' || pg_catalog.format_type(ca.casttarget, NULL) || ')'
         FROM pg_catalog.pg_cast ca WHERE ca.oid >= 16384`,
    ])
    .join("\n  UNION ALL\n");

export function dependenciesQuery(): KindQuery {
  const text = `
    WITH objects AS MATERIALIZED (${objectsSql(systemSchemaCondition)}),
    named AS MATERIALIZED (
      SELECT o.classid, o.objid, COALESCE('extension ' || x.extname, o.ref) AS ref
        FROM objects o
        LEFT JOIN pg_catalog.pg_depend e ON e.classid = o.classid AND e.objid = o.objid AND e.deptype = 'e'
        LEFT JOIN pg_catalog.pg_extension x ON x.oid = e.refobjid
    )
    SELECT DISTINCT s.ref COLLATE "C" AS source, t.ref COLLATE "C" AS target
      FROM pg_catalog.pg_depend dep
      JOIN named s ON s.classid = dep.classid AND s.objid = dep.objid
      JOIN named t ON t.classid = dep.refclassid AND t.objid = dep.refobjid
     WHERE dep.deptype IN ('n', 'a')
       AND s.ref <> t.ref
       AND s.ref NOT LIKE 'extension %'
       AND NOT (dep.deptype = 'a' AND s.ref LIKE 'sequence %' AND t.ref LIKE 'table %')
     ORDER BY 1, 2`;
  return { text, params: [] };
}

export function applyDependencies(rows: { source: string; target: string }[], db: Database): void {
  const dependencies: Record<string, string[]> = {};
  for (const row of rows) (dependencies[row.source] ??= []).push(row.target);
  db.dependencies = dependencies;
}
