import { publishedOperations } from "@pgvc/model";
import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember } from "../sql.js";

interface Row {
  pubname: string;
  owner: string;
  puballtables: boolean;
  pubinsert: boolean;
  pubupdate: boolean;
  pubdelete: boolean;
  pubtruncate: boolean;
  pubviaroot: boolean;
  tables: { name: string; columns: string[] | null; where: string | null }[] | null;
  schemas: string[] | null;
  description: string | null;
}

/**
 * `publication NAME`: FOR ALL TABLES, the tables it names (each
 * `schema.table` as SQL quotes it, with its column list and row filter from
 * PostgreSQL 15), the schemas of FOR TABLES IN SCHEMA (15), the operations
 * it publishes and publish_via_partition_root.
 */
export const publications = defineKind<Row>({
  name: "publications",
  scope: "database",
  query(ctx) {
    const text = `
      SELECT p.pubname, pg_catalog.pg_get_userbyid(p.pubowner) AS owner, p.puballtables,
             p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot,
             (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                       'name', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
                       'columns', ${ctx.dialect.publicationColumns}, 'where', ${ctx.dialect.publicationRowFilter})
                     ORDER BY n.nspname, c.relname)
                FROM pg_catalog.pg_publication_rel pr
                JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
               WHERE pr.prpubid = p.oid) AS tables,
             ${ctx.dialect.publicationSchemas} AS schemas,
             d.description
        FROM pg_catalog.pg_publication p
        ${descriptionJoin("d", "pg_publication", "p.oid")}
       WHERE ${notExtensionMember("pg_publication", "p.oid")}
       ORDER BY p.pubname`;
    return { text, params: [] };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      if (row.puballtables) object.all_tables = true;
      setIf(object, "tables", row.tables?.map(publishedTable));
      setIf(object, "schemas", row.schemas);
      const flags = [row.pubinsert, row.pubupdate, row.pubdelete, row.pubtruncate];
      if (flags.some((on) => !on)) object.publish = publishedOperations.filter((_, i) => flags[i]);
      if (row.pubviaroot) object.publish_via_partition_root = true;
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      (db.publications ??= {})[row.pubname] = object;
    }
  },
});

function publishedTable(table: { name: string; columns: string[] | null; where: string | null }): Record<string, unknown> {
  const out: Record<string, unknown> = { name: table.name };
  setIf(out, "columns", table.columns);
  setIf(out, "where", table.where);
  return out;
}
