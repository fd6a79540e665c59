import type pg from "pg";
import { copyFromStdin } from "./copy.js";
import { MigrationFailure, inTransactionAdvice, type FailureOutcome } from "./failure.js";
import { positionInFile } from "./sql/location.js";
import { splitSql, type SqlStatement } from "./sql/split.js";
import type { MigrationPart } from "./types.js";

interface ServerErrorFields {
  message?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
}

/**
 * Apply one part of a migration to `client`'s database the way its tool
 * would: statement by statement as psql sends them, inside one transaction
 * when `part.transaction` (unless the file opens and ends transactions
 * itself, which psql leaves to the file). A failing statement throws a
 * MigrationFailure at its file:line:col after rolling back what its tool
 * would roll back. On abort, the promise rejects with the signal's reason at
 * once and the client, possibly mid-statement, is the caller's to end.
 */
export async function applyMigrationPart(client: pg.Client, part: MigrationPart, options: { signal?: AbortSignal } = {}): Promise<void> {
  const statements = splitSql(part.sql, part.file, part.startLine);
  const wrap = part.transaction && !statements.some((s) => s.transactionControl !== undefined);
  const signal = options.signal;
  signal?.throwIfAborted();
  if (wrap) await client.query("BEGIN");
  for (const statement of statements) {
    try {
      signal?.throwIfAborted();
      await abortable(run(client, statement), signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw await failure(client, part, statement, error, wrap);
    }
  }
  if (!wrap) return;
  try {
    await abortable(client.query("COMMIT"), signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const last = statements.at(-1) ?? { text: "COMMIT", line: part.startLine, column: 1 };
    throw await failure(client, part, { ...last, text: "COMMIT" }, error, wrap);
  }
}

function run(client: pg.Client, statement: SqlStatement): Promise<unknown> {
  if (statement.copyData !== undefined) return copyFromStdin(client, statement.text, statement.copyData);
  return client.query(statement.text);
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Where in the file the error is: PostgreSQL's position in the statement, or
 * for bad COPY data the data line its context names, or the statement's start.
 */
function errorLocation(
  statement: Pick<SqlStatement, "text" | "line" | "column" | "copyData">,
  fields: ServerErrorFields,
): { line: number; column: number } {
  const position = Number(fields.position);
  if (position > 0) return positionInFile(statement, position);
  const dataLine = statement.copyData !== undefined ? /^COPY [^,]+, line (\d+)/.exec(fields.where ?? "")?.[1] : undefined;
  if (dataLine) return { line: statement.line + (statement.text.match(/\n/g)?.length ?? 0) + Number(dataLine), column: 1 };
  return { line: statement.line, column: statement.column };
}

/** Roll back what the tool would, and describe the failing statement where it is in the file. */
async function failure(
  client: pg.Client,
  part: MigrationPart,
  statement: Pick<SqlStatement, "text" | "line" | "column" | "copyData">,
  error: unknown,
  wrapped: boolean,
): Promise<MigrationFailure> {
  const fields = (error ?? {}) as ServerErrorFields;
  const at = errorLocation(statement, fields);
  const status = client.getTransactionStatus();
  const open = status === "T" || status === "E";
  if (open) await client.query("ROLLBACK").catch(() => undefined);
  // A failed COMMIT has already ended the transaction it rolled back.
  const outcome: FailureOutcome = wrapped ? "rolled-back" : open ? "open-transaction-rolled-back" : "kept-before";
  const advice = fields.code === "25001" && wrapped ? inTransactionAdvice(part.layout, part.file) : undefined;
  return new MigrationFailure({
    file: part.file,
    ...at,
    statement: statement.text,
    message: fields.message ?? String(error),
    ...(fields.code ? { sqlstate: fields.code } : {}),
    ...(fields.detail ? { detail: fields.detail } : {}),
    ...(fields.hint ? { hint: fields.hint } : {}),
    outcome,
    hints: [...(fields.where ? [`context: ${fields.where}`] : []), ...(advice ? [advice] : [])],
    cause: error,
  });
}
