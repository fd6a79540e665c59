import { InputError, shorten } from "@pgvc/core";
import type { parseSync as ParseSync } from "libpg-query";
import type { Database } from "@pgvc/model";

/**
 * Values of a schema file that are pasted into SQL (a column's type, a
 * default, a CHECK, a view's query) must each be exactly one thing of
 * their kind: one type name, one expression, one query. Each is parsed
 * in a probe statement with a sentinel after it; a value that closes its
 * context (`integer); COPY ...`), comments out what follows (`1 --`) or
 * carries more than its kind (`integer DEFAULT f()`) does not give the
 * probe's shape and is refused, with the object it belongs to.
 */

type Parse = typeof ParseSync;
export type ValueKind = "type" | "expression" | "query";

interface Select {
  targetList?: { ResTarget?: { val?: Record<string, unknown> } }[];
  [key: string]: unknown;
}

/** Plain type names and literal-free expressions need no parse: nothing in them can leave their place. */
const plainType =
  /^(("[A-Za-z_][\w ]*"|[A-Za-z_]\w*)\.)?("[A-Za-z_][\w ]*"|[A-Za-z_]\w*|double precision|character varying|bit varying|(timestamp|time)(\(\d+\))? with(out)? time zone)(\(\d+(,\s*-?\d+)?\))?(\[\d*\])*$/;
const plainExpression =
  /^(-?\d+(\.\d+)?|true|false|null|[A-Za-z_]\w*(\.[A-Za-z_]\w*)?(\(\))?|'[^'\\]*'(::([A-Za-z_]\w*(\.[A-Za-z_]\w*)?|character varying|double precision|timestamp with(out)? time zone))?|(pg_catalog\.)?nextval\('[^'\\]*'::regclass\))$/i;
/** Answers already given: the same default or type recurs across a schema. */
const answers = new Map<string, string | undefined>();

/** Is `value` exactly one thing of `kind`? A reason when it is not. */
export function valueProblem(parse: Parse, kind: ValueKind, value: string): string | undefined {
  if (kind === "type" && plainType.test(value)) return undefined;
  if (kind === "expression" && plainExpression.test(value)) return undefined;
  const key = `${kind}\u0000${value}`;
  if (answers.has(key)) return answers.get(key);
  const answer = parsedProblem(parse, kind, value);
  if (answers.size > 100_000) answers.clear();
  answers.set(key, answer);
  return answer;
}

function parsedProblem(parse: Parse, kind: ValueKind, value: string): string | undefined {
  const probe = kind === "type" ? `SELECT NULL::${value}, 1` : kind === "expression" ? `SELECT (${value}), 1` : `${value} ; SELECT 1`;
  let stmts: { stmt?: Record<string, unknown> }[];
  try {
    stmts = parse(probe).stmts ?? [];
  } catch (error) {
    return `it does not parse as one ${describe(kind)} (${(error as Error).message})`;
  }
  if (kind === "query")
    return stmts.length === 2 && stmts[0]?.stmt?.SelectStmt ? undefined : `it is not one query (a SELECT, VALUES or WITH ... SELECT)`;
  const select = stmts.length === 1 ? (stmts[0]?.stmt?.SelectStmt as Select | undefined) : undefined;
  const onlyTargets = select && Object.keys(select).every((key) => key === "targetList" || key === "limitOption" || key === "op");
  if (!onlyTargets || select.targetList?.length !== 2) return `it is more than one ${describe(kind)}`;
  if (kind === "type" && !("TypeCast" in (select.targetList[0]?.ResTarget?.val ?? {}))) return "it is not one type name";
  return undefined;
}

function describe(kind: ValueKind): string {
  return kind === "type" ? "type name" : kind;
}

/** Every value of `db` that lands in SQL, with the object and attribute it belongs to. */
export function* sqlValues(db: Database): Generator<[where: string, kind: ValueKind, value: string]> {
  for (const [schema, s] of Object.entries(db.schemas)) {
    for (const [name, table] of Object.entries(s.tables ?? {})) {
      const at = `schema ${schema}, table ${name}`;
      for (const column of table.columns ?? []) {
        yield [`${at}, column ${column.name}: type`, "type", column.type];
        if (column.default !== undefined) yield [`${at}, column ${column.name}: default`, "expression", column.default];
        if (column.generated !== undefined) yield [`${at}, column ${column.name}: generated`, "expression", column.generated];
      }
      for (const [check, value] of Object.entries(table.check_constraints ?? {}))
        yield [`${at}, check ${check}: expression`, "expression", value.expression];
    }
    for (const [name, domain] of Object.entries(s.domains ?? {})) {
      yield [`schema ${schema}, domain ${name}: type`, "type", domain.type];
      if (domain.default !== undefined) yield [`schema ${schema}, domain ${name}: default`, "expression", domain.default];
      for (const [check, value] of Object.entries(domain.check_constraints ?? {}))
        yield [`schema ${schema}, domain ${name}, check ${check}`, "expression", value.expression];
    }
    for (const field of ["views", "materializedViews"] as const) {
      for (const [name, view] of Object.entries((s as Record<string, Record<string, { definition?: string }> | undefined>)[field] ?? {})) {
        if (view.definition !== undefined)
          yield [`schema ${schema}, ${field === "views" ? "view" : "materialized view"} ${name}: definition`, "query", view.definition];
      }
    }
  }
}

/** Check every value of `db`; one InputError lists every value that is not one thing of its kind. */
export function checkModelValues(parse: Parse, db: Database, file: string): void {
  const problems: string[] = [];
  for (const [where, kind, value] of sqlValues(db)) {
    const problem = valueProblem(parse, kind, value);
    if (problem) problems.push(`${where} ${JSON.stringify(shorten(value, 120))}: ${problem}`);
  }
  if (problems.length === 0) return;
  const [first, ...rest] = problems as [string, ...string[]];
  throw new InputError(first, {
    location: { file },
    hints: [...rest.slice(0, 50), "such a value would run as SQL of its own; nothing was sent to the server"],
  });
}
