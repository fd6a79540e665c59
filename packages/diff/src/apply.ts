import { DatabaseError, toDatabaseError, type Queryable } from "@pgvc/core";
import { introspect, type IntrospectionOptions } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { diffSchemas } from "./engine.js";
import type { DiffOptions } from "./options.js";
import { createsRoutines, uncheckedBodies, type Statement } from "./statement.js";
import { checkStatements, loadStatementParser } from "./validate.js";

export interface ApplyResult {
  /** COMMIT happened: the database now matches the target. */
  committed: boolean;
  /** What still differed after the statements ran (empty when committed). */
  remaining: Statement[];
}

export interface ApplyOptions {
  diff?: DiffOptions;
  introspection?: IntrospectionOptions;
}

/**
 * Run `statements` in one transaction on `session` (one connection), then
 * read the database back inside the same transaction and compare it with
 * `target`: COMMIT only when nothing differs, otherwise ROLLBACK and report
 * what still differs. A statement that fails rolls everything back.
 */
export async function applyVerified(
  session: Queryable,
  statements: readonly Statement[],
  target: Database,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const unsafe = statements.find((s) => s.noTransaction);
  if (unsafe) {
    throw new DatabaseError(`cannot apply in one transaction: ${unsafe.sql}`, {
      hints: ["leave out --concurrently when applying with -u"],
    });
  }
  await session.query("BEGIN");
  try {
    await runStatements(session, statements);
    const result = await introspect(session, options.introspection);
    const remaining = diffSchemas(result, target, options.diff);
    if (remaining.length > 0) {
      await session.query("ROLLBACK");
      return { committed: false, remaining };
    }
    await session.query("COMMIT");
    return { committed: true, remaining: [] };
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * What the server makes of `target`: apply the statements in a transaction
 * that is rolled back, reading the result first. Hand-written view bodies,
 * defaults and checks come back in PostgreSQL's own rendering, so a second
 * diff against this model shows only real changes.
 */
export async function normalizeThroughServer(
  session: Queryable,
  statements: readonly Statement[],
  options: ApplyOptions = {},
): Promise<Database> {
  await session.query("BEGIN");
  try {
    await runStatements(session, statements);
    return await introspect(session, options.introspection);
  } finally {
    await session.query("ROLLBACK").catch(() => undefined);
  }
}

const failedStatements = new WeakMap<object, Statement>();

/** The statement whose failure `error` reports, when it came from runStatements. */
export function failedStatementOf(error: unknown): Statement | undefined {
  return typeof error === "object" && error !== null ? failedStatements.get(error) : undefined;
}

/** Run statements in order; each must parse as one statement of its kind (validate.ts), or none is sent. */
export async function runStatements(session: Queryable, statements: readonly Statement[]): Promise<void> {
  await loadStatementParser();
  checkStatements(statements);
  // As the printed script does: a body may use what later statements create.
  if (createsRoutines(statements)) await session.query(uncheckedBodies);
  for (const st of statements) {
    try {
      await session.query(st.sql);
    } catch (error) {
      const failure = toDatabaseError(error, st.sql, `applying the change to ${st.object} failed`);
      failedStatements.set(failure, st);
      throw failure;
    }
  }
}
