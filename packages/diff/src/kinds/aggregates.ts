import type { Aggregate, Database } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { sameAttributes } from "../compare.js";
import { literal, qname } from "../render.js";
import { statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { splitSignature, withoutCatalogPrefix } from "./objectnames.js";

const defaults = { kind: "normal", finalfunc_extra: false, mfinalfunc_extra: false, parallel: "unsafe" };
/** What decides the aggregate's result type and kind: changing them needs DROP and CREATE. */
const structural = ["kind", "stype", "finalfunc", "finalfunc_extra"] as const;

/**
 * Aggregates: `aggregate app.total(integer)`. A change that keeps the kind,
 * state type and final function is CREATE OR REPLACE AGGREGATE (PostgreSQL
 * 12+); others drop and create. Their functions and types are found by the
 * engine in the attribute values (`app.add_state`).
 */
export const aggregateDiffer: KindDiffer<Aggregate> = {
  kind: "aggregate",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items: (db: Database, scope: DiffScope) => schemaObjects<Aggregate>(scope, db, "aggregates", "aggregate"),
  create(item) {
    return [statement("create", item.ref, renderCreateAggregate(item, false), "main")];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP AGGREGATE ${signature(item)}`, "drop")];
  },
  alter(from, to): AlterResult {
    const a = withoutCatalogPrefix(from.value) as Record<string, unknown>;
    const b = withoutCatalogPrefix(to.value) as Record<string, unknown>;
    if (sameAttributes(a, b, { defaults })) return [];
    if (
      structural.some((key) => (a[key] ?? defaults[key as keyof typeof defaults]) !== (b[key] ?? defaults[key as keyof typeof defaults]))
    ) {
      return { rebuild: "an aggregate's kind, state type or final function changed" };
    }
    return [statement("alter", to.ref, renderCreateAggregate(to, true), "main")];
  },
  target(item): SqlTarget {
    const sig = signature(item);
    // GRANT names an aggregate of no arguments `name()`, where DROP and COMMENT take `name(*)`.
    const grant = `FUNCTION ${sig.replace(/\(\*\)$/, "()")}`;
    return { comment: `AGGREGATE ${sig}`, owner: `AGGREGATE ${sig}`, grant, privilegeType: "function", publicDefaults: ["execute"] };
  },
};

/** `app.total(integer)`; an aggregate of no arguments is `name(*)`. */
function signature(item: Item<Aggregate>): string {
  const { name, args } = splitSignature(item.name);
  return `${qname(item.schema, name)}(${args.trim() === "" ? "*" : args})`;
}

export function renderCreateAggregate(item: Item<Aggregate>, replace: boolean): string {
  const a = item.value;
  const options: string[] = [`SFUNC = ${a.sfunc}`, `STYPE = ${a.stype}`];
  const add = (clause: string, value: unknown, render: (v: never) => string = String) => {
    if (value !== undefined && value !== null) options.push(`${clause} = ${render(value as never)}`);
  };
  add("SSPACE", a.sspace);
  add("FINALFUNC", a.finalfunc);
  if (a.finalfunc_extra) options.push("FINALFUNC_EXTRA");
  add("FINALFUNC_MODIFY", a.finalfunc_modify?.toUpperCase());
  add("INITCOND", a.initcond, literal);
  add("SORTOP", a.sortop, (op: string) => (op.includes(".") ? `OPERATOR(${op})` : op));
  add("MSFUNC", a.msfunc);
  add("MINVFUNC", a.minvfunc);
  add("MSTYPE", a.mstype);
  add("MSSPACE", a.msspace);
  add("MFINALFUNC", a.mfinalfunc);
  if (a.mfinalfunc_extra) options.push("MFINALFUNC_EXTRA");
  add("MINITCOND", a.minitcond, literal);
  add("COMBINEFUNC", a.combinefunc);
  add("SERIALFUNC", a.serialfunc);
  add("DESERIALFUNC", a.deserialfunc);
  add("PARALLEL", a.parallel === undefined || a.parallel === "unsafe" ? undefined : a.parallel.toUpperCase());
  if (a.kind === "hypothetical") options.push("HYPOTHETICAL");
  return `CREATE ${replace ? "OR REPLACE " : ""}AGGREGATE ${signature(item)} (${options.join(", ")})`;
}
