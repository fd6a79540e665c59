import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";
import { routineKey } from "./functions.js";
import { operatorName } from "./operators.js";

interface Row {
  nspname: string;
  proname: string;
  identity: string;
  aggkind: string;
  sfunc: string;
  stype: string;
  aggtransspace: number;
  finalfunc: string | null;
  aggfinalextra: boolean;
  aggfinalmodify: string;
  agginitval: string | null;
  sortop: string | null;
  msfunc: string | null;
  minvfunc: string | null;
  mstype: string | null;
  aggmtransspace: number;
  mfinalfunc: string | null;
  aggmfinalextra: boolean;
  aggminitval: string | null;
  combinefunc: string | null;
  serialfunc: string | null;
  deserialfunc: string | null;
  proparallel: string;
  owner: string;
  acl: string[] | null;
  description: string | null;
}

const kinds: Record<string, string> = { n: "normal", o: "ordered", h: "hypothetical" };
const modify: Record<string, string> = { r: "read_only", s: "shareable", w: "read_write" };
const parallel: Record<string, string> = { s: "safe", r: "restricted", u: "unsafe" };

/** A regproc column of pg_aggregate, NULL when unset (`-`). */
const proc = (column: string, as: string) => `CASE WHEN a.${column} <> 0 THEN a.${column}::pg_catalog.regproc::text END AS ${as}`;

/**
 * `aggregate NAME(ARGS)`: the functions and states of CREATE AGGREGATE.
 * Functions print as regproc does under search_path pg_catalog (`int4pl`,
 * `app.add_state`); types as format_type. `finalfunc_modify` is left out
 * at PostgreSQL's default (read_only, read_write for ordered-set ones).
 */
export const aggregates = defineKind<Row>({
  name: "aggregates",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity,
             a.aggkind, a.aggtransfn::pg_catalog.regproc::text AS sfunc,
             pg_catalog.format_type(a.aggtranstype, NULL) AS stype, a.aggtransspace,
             ${proc("aggfinalfn", "finalfunc")}, a.aggfinalextra, a.aggfinalmodify, a.agginitval,
             ${operatorName("a.aggsortop")} AS sortop,
             ${proc("aggmtransfn", "msfunc")}, ${proc("aggminvtransfn", "minvfunc")},
             CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype,
             a.aggmtransspace, ${proc("aggmfinalfn", "mfinalfunc")}, a.aggmfinalextra, a.aggminitval,
             ${proc("aggcombinefn", "combinefunc")}, ${proc("aggserialfn", "serialfunc")}, ${proc("aggdeserialfn", "deserialfunc")},
             p.proparallel, pg_catalog.pg_get_userbyid(p.proowner) AS owner, p.proacl::text[] AS acl, d.description
        FROM pg_catalog.pg_aggregate a
        JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        ${descriptionJoin("d", "pg_proc", "p.oid")}
       WHERE ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_proc", "p.oid")}
       ORDER BY n.nspname, p.proname, identity`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { sfunc: row.sfunc, stype: row.stype };
      if (row.aggtransspace !== 0) object.sspace = row.aggtransspace;
      setIf(object, "finalfunc", row.finalfunc);
      if (row.aggfinalextra) object.finalfunc_extra = true;
      setIf(object, "finalfunc_modify", modify[row.aggfinalmodify], row.aggkind === "n" ? "read_only" : "read_write");
      setIf(object, "initcond", row.agginitval);
      setIf(object, "sortop", row.sortop);
      movingState(object, row);
      setIf(object, "kind", kinds[row.aggkind], "normal");
      setIf(object, "combinefunc", row.combinefunc);
      setIf(object, "serialfunc", row.serialfunc);
      setIf(object, "deserialfunc", row.deserialfunc);
      setIf(object, "parallel", parallel[row.proparallel], "unsafe");
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "function", row.owner);
      setIf(object, "description", row.description);
      // An aggregate of no arguments is `name(*)`, as SQL names it.
      ctx.add(db, row.nspname, "aggregates", routineKey(row.proname, row.identity === "" ? "*" : row.identity), object);
    }
  },
});

/** The moving-aggregate variant (MSFUNC, MINVFUNC, MSTYPE, ...). */
function movingState(object: Record<string, unknown>, row: Row): void {
  setIf(object, "msfunc", row.msfunc);
  setIf(object, "minvfunc", row.minvfunc);
  setIf(object, "mstype", row.mstype);
  if (row.aggmtransspace !== 0) object.msspace = row.aggmtransspace;
  setIf(object, "mfinalfunc", row.mfinalfunc);
  if (row.aggmfinalextra) object.mfinalfunc_extra = true;
  setIf(object, "minitcond", row.aggminitval);
}
