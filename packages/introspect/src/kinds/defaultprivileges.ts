import type { DefaultPrivileges, Privileges } from "@pgvc/model";
import { defineKind } from "../framework.js";
import { parseAcl, type AclObjectType } from "../privileges.js";
import { schemaCondition, SqlParams } from "../sql.js";

interface Row {
  role: string;
  nspname: string | null;
  defaclobjtype: string;
  acl: string[];
}

/** pg_default_acl's object types: the model's key, and how its ACL letters read. */
const objectTypes: Record<string, [keyof DefaultPrivileges, AclObjectType]> = {
  r: ["tables", "relation"],
  S: ["sequences", "sequence"],
  f: ["functions", "function"],
  T: ["types", "type"],
  n: ["schemas", "schema"],
};

/**
 * ALTER DEFAULT PRIVILEGES (pg_default_acl): per role, the global ones as
 * `default privileges ROLE`, those IN SCHEMA as the schema's
 * `default_privileges`. Privileges themselves: left out with -x; the global
 * ones also with -n, which narrows the output to schemas.
 */
export const defaultPrivileges = defineKind<Row>({
  name: "default privileges",
  scope: "schema",
  cost: 0.5,
  query(ctx) {
    const params = new SqlParams();
    const global = ctx.filter.schemas.length > 0 ? "false" : "d.defaclnamespace = 0";
    const text = `
      SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role, n.nspname, d.defaclobjtype, d.defaclacl::text[] AS acl
        FROM pg_catalog.pg_default_acl d
        LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
       WHERE ${global} OR (n.oid IS NOT NULL AND ${schemaCondition("n", ctx, params)})
       ORDER BY 1, 2 NULLS FIRST, 3`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    if (ctx.options.noPrivileges) return;
    for (const row of rows) {
      const type = objectTypes[row.defaclobjtype];
      if (!type) continue;
      const privileges: Privileges = parseAcl(row.acl, type[1], ctx.dialect, row.role);
      const holder = row.nspname === null ? (db.defaultPrivileges ??= {}) : (ctx.schema(db, row.nspname).default_privileges ??= {});
      (holder[row.role] ??= {})[type[0]] = privileges;
    }
  },
});
