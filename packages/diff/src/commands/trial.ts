import { ChangeFailsError, DatabaseError, qualifiedName, quoteIdent, type Queryable } from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { failedStatementOf } from "../apply.js";
import { modelItems, objectRefs } from "../engine.js";
import type { Statement } from "../statement.js";

/**
 * A statement of the change failed in the trial run (rolled back): the SQL
 * is known to fail on this database as it is. What failed, where, and why,
 * with the ways out when the reason is a common one.
 */
export interface TrialFailure {
  /** The failing statement (as generated). */
  statement: Statement | undefined;
  /** The server's message, with SQLSTATE. */
  message: string;
  /** Explanations and ways out, one per line. */
  hints: string[];
  error: DatabaseError;
}

interface PgFields {
  code?: string;
  schema?: string;
  table?: string;
  column?: string;
}

/** Describe a trial failure; the session is outside any transaction (the trial was rolled back). */
export async function describeTrialFailure(session: Queryable, error: DatabaseError): Promise<TrialFailure> {
  const statement = failedStatementOf(error);
  const fields = (error.cause ?? {}) as PgFields;
  const hints = [...error.hints];
  if (fields.code === "23502" && fields.table && fields.column) hints.push(...(await notNullHints(session, fields as Required<PgFields>)));
  return { statement, message: error.message, hints, error };
}

/**
 * Kinds whose names PostgreSQL keeps exactly as written, so that one the
 * target names and the trial's result lacks was not made: the change runs
 * but does not reach the target (PostgreSQL took the object for something
 * else, or dropped it with another). Printing it would be printing SQL known
 * not to do what it says; a second diff against the result would not see it.
 */
const keptNames = new Set(["table", "column", "constraint", "index", "trigger", "policy", "rule", "view", "materialized view", "sequence"]);

/** The trial's result lacks objects the target names: a failure naming them (undefined when none). */
export function unmadeObjects(target: Database, result: Database, schemas: readonly string[] = []): TrialFailure | undefined {
  const only = new Set(schemas);
  const made = objectRefs(result);
  const missing = modelItems(target)
    .filter((item) => keptNames.has(item.kind) && (only.size === 0 || (item.schema !== undefined && only.has(item.schema))))
    .map((item) => item.ref)
    .filter((ref) => !made.has(ref));
  if (missing.length === 0) return undefined;
  const shown = missing.slice(0, 10).join(", ") + (missing.length > 10 ? `, and ${missing.length - 10} more` : "");
  const message = `it does not make ${shown}: the database lacks ${missing.length === 1 ? "it" : "them"} after the change`;
  const hints = [
    "check that the schema file can hold it: a column marked `inherited: true` needs a parent that has it",
    "otherwise PostgreSQL took it for another object the change made, or dropped it with one: a gap in pgvc's diff, please report it",
  ];
  return { statement: undefined, message, hints, error: new DatabaseError(message, { hints }) };
}

/** The error a trial failure is thrown as (under -u, where nothing is printed). */
export function trialFailureError(failure: TrialFailure): ChangeFailsError {
  const object = failure.statement ? `${failure.statement.object}: ` : "";
  return new ChangeFailsError(`the change fails on this database (tried and rolled back): ${object}${failure.message}`, {
    ...(failure.error.sqlstate ? { sqlstate: failure.error.sqlstate } : {}),
    ...(failure.error.statement ? { statement: failure.error.statement } : {}),
    hints: failure.hints,
    cause: failure.error,
  });
}

/** A NOT NULL column on rows that would hold NULL: how many, and the two ways out. */
async function notNullHints(session: Queryable, fields: Required<PgFields>): Promise<string[]> {
  const table = fields.schema ? qualifiedName(fields.schema, fields.table) : quoteIdent(fields.table);
  const column = quoteIdent(fields.column);
  const count = await countRows(session, `SELECT pg_catalog.count(*) AS n FROM ${table} WHERE ${column} IS NULL`).catch(() =>
    // A column the change adds is not there once the trial is rolled back: every row would hold NULL.
    countRows(session, `SELECT pg_catalog.count(*) AS n FROM ${table}`).catch(() => undefined),
  );
  const rows = count === undefined ? "some rows" : `${count} row${count === "1" ? "" : "s"}`;
  return [
    `${rows} of ${table} would hold NULL in ${column}, which is NOT NULL in the schema file`,
    `either give the column a default in the schema file (default: ...), so that existing rows get it,`,
    `or migrate the data first (UPDATE ${table} SET ${column} = ... WHERE ${column} IS NULL, or add the column nullable, fill it, then make it NOT NULL)`,
  ];
}

async function countRows(session: Queryable, sql: string): Promise<string> {
  const { rows } = await session.query<{ n: string }>(sql);
  return String(rows[0]?.n ?? "0");
}
