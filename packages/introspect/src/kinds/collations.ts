import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  nspname: string;
  collname: string;
  collprovider: string;
  lc_collate: string | null;
  lc_ctype: string | null;
  collisdeterministic: boolean;
  owner: string;
  description: string | null;
}

const providers: Record<string, string> = { c: "libc", i: "icu", b: "builtin" };

/**
 * `collation NAME`: provider, locale, determinism. An ICU or builtin
 * collation has one locale, written as both `lc_collate` and `lc_ctype`
 * (where PostgreSQL 14 kept it; later releases moved it to another column,
 * see the dialect). Built-in collations live in pg_catalog and are never read.
 */
export const collations = defineKind<Row>({
  name: "collations",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const locale = ctx.dialect.collationLocale;
    const text = `
      SELECT n.nspname, co.collname, co.collprovider,
             COALESCE(co.collcollate, ${locale}) AS lc_collate, COALESCE(co.collctype, ${locale}) AS lc_ctype,
             co.collisdeterministic, pg_catalog.pg_get_userbyid(co.collowner) AS owner, d.description
        FROM pg_catalog.pg_collation co
        JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
        ${descriptionJoin("d", "pg_collation", "co.oid")}
       WHERE co.oid >= 16384
         AND ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_collation", "co.oid")}
       ORDER BY n.nspname, co.collname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      setIf(object, "lc_collate", row.lc_collate);
      setIf(object, "lc_ctype", row.lc_ctype);
      setIf(object, "provider", providers[row.collprovider], "libc");
      if (!row.collisdeterministic) object.deterministic = false;
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "collations", row.collname, object);
    }
  },
});
