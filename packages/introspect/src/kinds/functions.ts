import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  nspname: string;
  proname: string;
  prokind: string;
  identity: string;
  allargs: string;
  returns: string | null;
  lanname: string;
  prosrc: string;
  probin: string | null;
  sqlbody: string | null;
  provolatile: string;
  proisstrict: boolean;
  proleakproof: boolean;
  prosecdef: boolean;
  procost: number;
  prorows: number;
  proretset: boolean;
  proparallel: string;
  proconfig: string[] | null;
  owner: string;
  acl: string[] | null;
  description: string | null;
}

const volatility: Record<string, string> = { i: "immutable", s: "stable", v: "volatile" };
const parallel: Record<string, string> = { s: "safe", r: "restricted", u: "unsafe" };

/** The key of a routine: `name(identity arguments)`, as pg_get_function_identity_arguments prints them. */
export function routineKey(name: string, identityArguments: string): string {
  return `${name}(${identityArguments})`;
}

/**
 * Functions (plain and window) and procedures. Functions PostgreSQL makes
 * itself (range and multirange constructors, internal dependencies) are
 * not listed. A SQL-standard body (`BEGIN ATOMIC ... END`, `RETURN ...`)
 * is the `source`, as pg_get_function_sqlbody prints it.
 */
export const functions = defineKind<Row>({
  name: "functions",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, p.proname, p.prokind,
             pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity,
             pg_catalog.pg_get_function_arguments(p.oid) AS allargs,
             CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns,
             l.lanname, p.prosrc, p.probin,
             CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END AS sqlbody,
             p.provolatile, p.proisstrict, p.proleakproof, p.prosecdef, p.procost::float8 AS procost,
             p.prorows::float8 AS prorows, p.proretset, p.proparallel, p.proconfig,
             pg_catalog.pg_get_userbyid(p.proowner) AS owner, p.proacl::text[] AS acl, d.description
        FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_catalog.pg_language l ON l.oid = p.prolang
        ${descriptionJoin("d", "pg_proc", "p.oid")}
       WHERE p.prokind IN ('f', 'w', 'p')
         AND ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_proc", "p.oid")}
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                          WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid AND i.deptype = 'i')
       ORDER BY n.nspname, p.proname, identity`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { language: row.lanname };
      if (row.prokind !== "p") object.returns = row.returns ?? "void";
      body(object, row);
      if (row.allargs !== row.identity) object.allargs = row.allargs;
      if (row.prokind !== "p") functionAttributes(object, row);
      if (row.prosecdef) object.security_definer = true;
      setIf(object, "configuration", row.proconfig);
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "function", row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, row.prokind === "p" ? "procedures" : "functions", routineKey(row.proname, row.identity), object);
    }
  },
});

function body(object: Record<string, unknown>, row: Row): void {
  if (row.lanname === "c") {
    setIf(object, "obj_file", row.probin);
    object.link_symbol = row.prosrc;
  } else {
    object.source = row.sqlbody ?? row.prosrc;
  }
}

function functionAttributes(object: Record<string, unknown>, row: Row): void {
  setIf(object, "volatility", volatility[row.provolatile], "volatile");
  if (row.proisstrict) object.strict = true;
  if (row.proleakproof) object.leakproof = true;
  setIf(object, "parallel", parallel[row.proparallel], "unsafe");
  const defaultCost = row.lanname === "c" || row.lanname === "internal" ? 1 : 100;
  if (row.procost !== defaultCost) object.cost = row.procost;
  if (row.proretset && row.prorows !== 1000) object.rows = row.prorows;
  if (row.prokind === "w") object.window = true;
}
