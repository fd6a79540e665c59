import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  nspname: string;
  conname: string;
  source_encoding: string;
  dest_encoding: string;
  function: string;
  condefault: boolean;
  owner: string;
  description: string | null;
}

/** `conversion NAME`: encodings by name (`LATIN1`, `UTF8`), the function as regproc prints it, DEFAULT. */
export const conversions = defineKind<Row>({
  name: "conversions",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, c.conname,
             pg_catalog.pg_encoding_to_char(c.conforencoding) AS source_encoding,
             pg_catalog.pg_encoding_to_char(c.contoencoding) AS dest_encoding,
             c.conproc::pg_catalog.regproc::text AS function, c.condefault,
             pg_catalog.pg_get_userbyid(c.conowner) AS owner, d.description
        FROM pg_catalog.pg_conversion c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
        ${descriptionJoin("d", "pg_conversion", "c.oid")}
       WHERE c.oid >= 16384
         AND ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_conversion", "c.oid")}
       ORDER BY n.nspname, c.conname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {
        source_encoding: row.source_encoding,
        dest_encoding: row.dest_encoding,
        function: row.function,
      };
      if (row.condefault) object.default = true;
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "conversions", row.conname, object);
    }
  },
});
