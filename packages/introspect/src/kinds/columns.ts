import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, lookupJoin, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  attrelid: number;
  attnum: number;
  attname: string;
  type: string;
  attnotnull: boolean;
  default: string | null;
  generated: string | null;
  attidentity: string;
  collation: string | null;
  statistics: number | null;
  storage: string | null;
  compression: string | null;
  attoptions: string[] | null;
  attislocal: boolean;
  description: string | null;
  acl: string[] | null;
}

const storageNames: Record<string, string> = { p: "plain", e: "external", x: "extended", m: "main" };
const compressionNames: Record<string, string> = { p: "pglz", l: "lz4" };

/**
 * Columns of tables and foreign tables, of views and materialized views
 * (name and type), and the attributes of composite types; by position,
 * dropped columns left out.
 */
export const columns = defineKind<Row>({
  name: "columns",
  scope: "relation",
  cost: 4,
  query(ctx) {
    const params = new SqlParams();
    const codes = params.add([...ctx.dialect.generatedColumnCodes]);
    const text = `
      SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
             CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default,
             CASE WHEN a.attgenerated::text = ANY(${codes}::text[]) THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
             a.attidentity,
             CASE WHEN a.attcollation <> t.typcollation THEN
               (SELECT CASE WHEN con.nspname = 'pg_catalog' THEN co.collname ELSE con.nspname || '.' || co.collname END
                  FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
                 WHERE co.oid = a.attcollation) END AS collation,
             ${ctx.dialect.attributeStatisticsTarget} AS statistics,
             CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,
             NULLIF(a.attcompression, '') AS compression, a.attoptions,
             a.attislocal, d.description, a.attacl::text[] AS acl
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        ${lookupJoin("ad", "SELECT ad_c.adbin, ad_c.adrelid FROM pg_catalog.pg_attrdef ad_c WHERE ad_c.adrelid = a.attrelid AND ad_c.adnum = a.attnum")}
        ${descriptionJoin("d", "pg_class", "a.attrelid", "a.attnum")}
       WHERE a.attnum > 0 AND NOT a.attisdropped
         AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
         AND ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "c", ctx, params)}
       ORDER BY a.attrelid, a.attnum`;
    return { text, params: params.values };
  },
  apply(rows, _db, ctx) {
    for (const row of rows) {
      const owner = ctx.relation(row.attrelid);
      if (!owner) continue;
      ctx.setColumnName(row.attrelid, row.attnum, row.attname);
      const column: Record<string, unknown> = { name: row.attname, type: row.type };
      if (owner.kind === "table" || owner.kind === "foreign table") tableColumn(column, row);
      else setIf(column, "collation", owner.kind === "type" ? row.collation : undefined);
      if (owner.kind === "materialized view") {
        setIf(column, "statistics", row.statistics);
        if (row.storage) column.storage = storageNames[row.storage];
      }
      if (owner.kind === "table" || owner.kind === "foreign table") ctx.privileges(column, row.acl, "column", owner.owner);
      setIf(column, "description", row.description);
      const field = owner.kind === "type" ? "attributes" : "columns";
      ((owner.object[field] ??= []) as unknown[]).push(column);
    }
  },
});

function tableColumn(column: Record<string, unknown>, row: Row): void {
  if (row.attnotnull) column.not_null = true;
  setIf(column, "default", row.default);
  setIf(column, "generated", row.generated);
  if (row.attidentity === "a") column.identity = "always";
  if (row.attidentity === "d") column.identity = "by default";
  setIf(column, "collation", row.collation);
  setIf(column, "statistics", row.statistics);
  if (row.storage) column.storage = storageNames[row.storage];
  if (row.compression) column.compression = compressionNames[row.compression];
  setIf(column, "options", row.attoptions);
  if (!row.attislocal) column.inherited = true;
}
