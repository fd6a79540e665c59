import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";

interface Check {
  name: string;
  def: string;
  validated: boolean;
  description: string | null;
}

interface Row {
  nspname: string;
  typname: string;
  owner: string;
  acl: string[] | null;
  description: string | null;
  base_type: string;
  typnotnull: boolean;
  default: string | null;
  collation: string | null;
  checks: Check[] | null;
}

/** `domain NAME`: base type, NOT NULL, DEFAULT, collation, named CHECK constraints. */
export const domains = defineKind<Row>({
  name: "domains",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, t.typname,
             pg_catalog.pg_get_userbyid(t.typowner) AS owner, t.typacl::text[] AS acl, d.description,
             pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_type, t.typnotnull,
             pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default,
             CASE WHEN t.typcollation <> bt.typcollation THEN
               CASE WHEN cn.nspname = 'pg_catalog' THEN co.collname ELSE cn.nspname || '.' || co.collname END END AS collation,
             (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                       'name', con.conname, 'def', pg_catalog.pg_get_constraintdef(con.oid),
                       'validated', con.convalidated, 'description', cd.description) ORDER BY con.conname)
                FROM pg_catalog.pg_constraint con
                ${descriptionJoin("cd", "pg_constraint", "con.oid")}
               WHERE con.contypid = t.oid AND con.contype = 'c') AS checks
        FROM pg_catalog.pg_type t
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
        LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
        LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
        ${descriptionJoin("d", "pg_type", "t.oid")}
       WHERE t.typtype = 'd'
         AND ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_type", "t.oid")}
       ORDER BY n.nspname, t.typname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { type: row.base_type };
      if (row.typnotnull) object.not_null = true;
      setIf(object, "default", row.default);
      setIf(object, "collation", row.collation);
      if (row.checks && row.checks.length > 0) {
        const checks: Record<string, Record<string, unknown>> = {};
        for (const check of row.checks) {
          const entry: Record<string, unknown> = { expression: checkExpression(check.def) };
          if (!check.validated) entry.not_valid = true;
          setIf(entry, "description", check.description);
          checks[check.name] = entry;
        }
        object.check_constraints = checks;
      }
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "type", row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "domains", row.typname, object);
    }
  },
});

/** `CHECK ((VALUE > 0)) NOT VALID` → `(VALUE > 0)`. */
export function checkExpression(def: string): string {
  const match = /^CHECK \((.*)\)(?: NOT VALID)?(?: NO INHERIT)?$/s.exec(def);
  return match ? (match[1] as string) : def;
}
