import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, SqlParams } from "../sql.js";

interface Row {
  extname: string;
  schema: string;
  extversion: string;
  owner: string;
  description: string | null;
}

/** `extension NAME`: the extensions installed (their member objects are never listed). */
export const extensions = defineKind<Row>({
  name: "extensions",
  scope: "database",
  query() {
    const params = new SqlParams();
    const text = `
      SELECT x.extname, n.nspname AS schema, x.extversion, pg_catalog.pg_get_userbyid(x.extowner) AS owner, d.description
        FROM pg_catalog.pg_extension x
        JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
        ${descriptionJoin("d", "pg_extension", "x.oid")}
       ORDER BY x.extname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { schema: row.schema, version: row.extversion };
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      (db.extensions ??= {})[row.extname] = object;
    }
  },
});
