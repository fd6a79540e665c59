import type { Schema } from "@pgvc/model";
import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  nspname: string;
  owner: string;
  acl: string[] | null;
  description: string | null;
}

/** `schema NAME`: owner, privileges, description. */
export const schemas = defineKind<Row>({
  name: "schemas",
  scope: "relation",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text[] AS acl, d.description
        FROM pg_catalog.pg_namespace n
        ${descriptionJoin("d", "pg_namespace", "n.oid")}
       WHERE ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_namespace", "n.oid")}
       ORDER BY n.nspname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const schema: Schema = {};
      ctx.owner(schema, row.owner);
      ctx.privileges(schema, row.acl, "schema", row.owner);
      setIf(schema, "description", row.description);
      ctx.schemaAttributes.set(row.nspname, schema);
      // With -t a schema appears only with the relations it holds.
      if (!ctx.filter.relationsOnly) db.schemas[row.nspname] = { ...schema };
    }
  },
});
