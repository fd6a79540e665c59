import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  polrelid: number;
  polname: string;
  polcmd: string;
  polpermissive: boolean;
  roles: string[];
  using: string | null;
  with_check: string | null;
  description: string | null;
}

const commands: Record<string, string> = { "*": "all", r: "select", a: "insert", w: "update", d: "delete" };

/** Row-level security policies, under their table's `policies`. */
export const policies = defineKind<Row>({
  name: "policies",
  scope: "relation",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT pol.polrelid, pol.polname, pol.polcmd, pol.polpermissive,
             ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(r.oid)::text END
                     FROM pg_catalog.unnest(pol.polroles) AS r(oid) ORDER BY 1) AS roles,
             pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) AS using,
             pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) AS with_check,
             d.description
        FROM pg_catalog.pg_policy pol
        JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        ${descriptionJoin("d", "pg_policy", "pol.oid")}
       WHERE ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "c", ctx, params)}
       ORDER BY pol.polrelid, pol.polname`;
    return { text, params: params.values };
  },
  apply(rows, _db, ctx) {
    for (const row of rows) {
      const owner = ctx.relation(row.polrelid);
      if (!owner) continue;
      const policy: Record<string, unknown> = {};
      setIf(policy, "command", commands[row.polcmd], "all");
      if (!row.polpermissive) policy.permissive = false;
      if (!(row.roles.length === 1 && row.roles[0] === "PUBLIC")) policy.roles = row.roles;
      setIf(policy, "using", row.using);
      setIf(policy, "with_check", row.with_check);
      setIf(policy, "description", row.description);
      ((owner.object.policies ??= {}) as Record<string, unknown>)[row.polname] = policy;
    }
  },
});
