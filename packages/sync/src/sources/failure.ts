import { ExitCode, PgvcError, formatLocation, shorten } from "@pgvc/core";
import type { SqlLayout } from "./types.js";

/** What stayed applied of a file when one of its statements failed. */
export type FailureOutcome = "rolled-back" | "kept-before" | "open-transaction-rolled-back" | "command";

export interface MigrationFailureFields {
  file: string;
  /** 1-based; 0 when the failure has no line (a command). */
  line: number;
  column?: number;
  statement: string;
  /** PostgreSQL's error message, or what happened to the command. */
  message: string;
  /** A command's last output lines. */
  output?: string;
  sqlstate?: string;
  detail?: string;
  hint?: string;
  outcome: FailureOutcome;
  hints?: string[];
  cause?: unknown;
}

const outcomeNote: Record<FailureOutcome, string> = {
  "rolled-back": "the file ran in one transaction, which was rolled back: nothing of it is applied",
  "kept-before": "each statement ran on its own (as psql runs a file): the statements before this one stay applied",
  "open-transaction-rolled-back": "the transaction the file opened itself was rolled back; statements it committed before stay applied",
  command: "the command's last output lines are above",
};

/**
 * A migration that fails: a statement PostgreSQL refused (file:line:col, the
 * statement, the server's error), or a migration command that exited with an
 * error (file is the command, with the tail of its output). The sync check
 * reports it as an out-of-sync result (exit 1).
 */
export class MigrationFailure extends PgvcError {
  override readonly exitCode: number = ExitCode.differences;
  readonly file: string;
  readonly line: number;
  readonly column: number | undefined;
  readonly statement: string;
  readonly sqlstate: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly outcome: FailureOutcome;
  /** PostgreSQL's error message alone (or what happened to the command), without the location. */
  readonly reason: string;
  /** A failing command's last output lines (up to 40). */
  readonly output: string | undefined;

  constructor(fields: MigrationFailureFields) {
    super(failureMessage(fields), { cause: fields.cause, hints: failureHints(fields) });
    this.file = fields.file;
    this.line = fields.line;
    this.column = fields.column;
    this.statement = fields.statement;
    this.sqlstate = fields.sqlstate;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.outcome = fields.outcome;
    this.reason = fields.message;
    this.output = fields.output;
  }
}

function failureMessage(f: MigrationFailureFields): string {
  if (f.outcome === "command") {
    const output = (f.output ?? "").trim() === "" ? "(it wrote nothing)" : (f.output ?? "").replace(/^/gm, "  | ");
    return `${f.file}: ${f.message}; its last output:\n${output}`;
  }
  const where = formatLocation({ file: f.file, line: f.line, ...(f.column !== undefined ? { column: f.column } : {}) });
  const state = f.sqlstate ? ` (SQLSTATE ${f.sqlstate})` : "";
  return `${where}: ${f.message}${state}\n  statement: ${shorten(f.statement, 240)}`;
}

function failureHints(f: MigrationFailureFields): string[] {
  const hints: string[] = [];
  if (f.detail) hints.push(`detail: ${f.detail}`);
  if (f.hint) hints.push(`hint: ${f.hint}`);
  hints.push(...(f.hints ?? []));
  if (f.outcome !== "command") hints.push(outcomeNote[f.outcome]);
  return hints;
}

/** Why a statement that refuses a transaction block ran in one, and what to change, per tool. */
export function inTransactionAdvice(layout: SqlLayout | undefined, file: string): string | undefined {
  switch (layout) {
    case "dbmate":
      return "dbmate runs a section in a transaction unless its marker says `transaction:false`, and sends it as one query, which PostgreSQL runs as one transaction when it holds several statements: give this statement a migration of its own, marked `-- migrate:up transaction:false`";
    case "golang-migrate":
    case "prisma":
      return `${layout === "prisma" ? "Prisma" : "golang-migrate"} sends the whole file as one query, which PostgreSQL runs as one transaction: put this statement in a migration of its own`;
    case "flyway":
      return `Flyway runs this script in a transaction (its parser does not list this statement): set executeInTransaction=false in ${file}.conf`;
    default:
      return undefined;
  }
}
