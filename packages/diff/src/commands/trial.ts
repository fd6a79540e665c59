import { ChangeFailsError, DatabaseError, qualifiedName, quoteIdent, type Queryable } from "@pgvc/core";
import { failedStatementOf } from "../apply.js";
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
