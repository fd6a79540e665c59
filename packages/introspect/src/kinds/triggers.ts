import { quoteLiteral } from "@pgvc/core";
import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  tgrelid: number;
  tgname: string;
  tgtype: number;
  function_schema: string;
  function_name: string;
  args_hex: string;
  tgnargs: number;
  columns: string[];
  def: string;
  is_constraint: boolean;
  tgdeferrable: boolean;
  tginitdeferred: boolean;
  tgnewtable: string | null;
  tgoldtable: string | null;
  tgenabled: string;
  description: string | null;
}

const ROW = 1;
const BEFORE = 2;
const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;
const TRUNCATE = 32;
const INSTEAD = 64;
const enabled: Record<string, string> = { O: "origin", D: "disabled", R: "replica", A: "always" };

/**
 * User triggers on tables, views and foreign tables. Internal triggers
 * (those behind foreign keys) and the per-partition clones of a trigger on
 * a partitioned table are not listed.
 */
export const triggers = defineKind<Row>({
  name: "triggers",
  scope: "relation",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT t.tgrelid, t.tgname, t.tgtype::int4 AS tgtype, pn.nspname AS function_schema, p.proname AS function_name,
             pg_catalog.encode(t.tgargs, 'hex') AS args_hex, t.tgnargs,
             ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(t.tgattr::int2[]) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
             pg_catalog.pg_get_triggerdef(t.oid) AS def,
             t.tgconstraint <> 0 AS is_constraint, t.tgdeferrable, t.tginitdeferred,
             t.tgnewtable, t.tgoldtable, t.tgenabled, d.description
        FROM pg_catalog.pg_trigger t
        JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
        JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
        ${descriptionJoin("d", "pg_trigger", "t.oid")}
       WHERE NOT t.tgisinternal AND t.tgparentid = 0
         AND ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "c", ctx, params)}
       ORDER BY t.tgrelid, t.tgname`;
    return { text, params: params.values };
  },
  apply(rows, _db, ctx) {
    for (const row of rows) {
      const owner = ctx.relation(row.tgrelid);
      if (!owner) continue;
      ((owner.object.triggers ??= {}) as Record<string, unknown>)[row.tgname] = trigger(row);
    }
  },
});

function trigger(row: Row): Record<string, unknown> {
  const type = row.tgtype;
  const target: Record<string, unknown> = {
    timing: type & INSTEAD ? "instead of" : type & BEFORE ? "before" : "after",
    // In the order of tgtype's bits, as Pyrseas writes them (it compares the list as written; pgvc as a set).
    events: [
      ...(type & INSERT ? ["insert"] : []),
      ...(type & DELETE ? ["delete"] : []),
      ...(type & UPDATE ? ["update"] : []),
      ...(type & TRUNCATE ? ["truncate"] : []),
    ],
  };
  if (type & ROW) target.level = "row";
  const name = `${row.function_schema}.${row.function_name}`;
  const args = triggerArguments(row.args_hex, row.tgnargs);
  target.procedure = args.length > 0 ? { name, arguments: args.map(quoteLiteral).join(", ") } : name;
  if (row.columns.length > 0) target.columns = row.columns;
  setIf(target, "condition", whenClause(row.def));
  if (row.is_constraint) target.constraint = true;
  if (row.tgdeferrable) target.deferrable = true;
  if (row.tginitdeferred) target.initially_deferred = true;
  setIf(target, "referencing_new", row.tgnewtable);
  setIf(target, "referencing_old", row.tgoldtable);
  setIf(target, "enabled", enabled[row.tgenabled], "origin");
  setIf(target, "description", row.description);
  return target;
}

/** tgargs: each argument followed by a NUL byte. */
function triggerArguments(hex: string, count: number): string[] {
  if (count === 0) return [];
  return Buffer.from(hex, "hex").toString("utf8").split("\u0000").slice(0, count);
}

/** The WHEN condition from pg_get_triggerdef, without `WHEN (` and `)`. */
export function whenClause(def: string): string | undefined {
  const match = / WHEN \((.*)\) EXECUTE (?:FUNCTION|PROCEDURE) /s.exec(def);
  return match ? match[1] : undefined;
}
