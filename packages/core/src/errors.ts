/**
 * Typed errors. Everything below a CLI throws one of these; the CLI boundary
 * (`runCli`) maps them to exit codes and prints them. Nothing else exits.
 */

export const ExitCode = {
  ok: 0,
  differences: 1,
  usage: 2,
  badInput: 3,
  database: 4,
  /** The change was tried on the database (and rolled back) and a statement failed there. */
  changeFails: 5,
  internal: 70,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class PgvcError extends Error {
  readonly exitCode: number = ExitCode.internal;
  /** Optional lines of advice shown under the message. */
  readonly hints: string[];

  constructor(message: string, options: { cause?: unknown; hints?: string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hints = options.hints ?? [];
  }
}

/** Wrong command-line usage: unknown flag, missing argument. */
export class UsageError extends PgvcError {
  override readonly exitCode = ExitCode.usage;
}

/** Where in an input file a problem is: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return loc.column === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}

/** A bad input file: malformed, unknown keys, wrong value types. */
export class InputError extends PgvcError {
  override readonly exitCode = ExitCode.badInput;
  readonly location: SourceLocation | undefined;

  constructor(message: string, options: { location?: SourceLocation; cause?: unknown; hints?: string[] } = {}) {
    super(options.location ? `${formatLocation(options.location)}: ${message}` : message, options);
    this.location = options.location;
  }
}

/** The server refused a connection or a statement. */
export class DatabaseError extends PgvcError {
  override readonly exitCode: number = ExitCode.database;
  readonly sqlstate: string | undefined;
  readonly statement: string | undefined;

  constructor(message: string, options: { sqlstate?: string; statement?: string; cause?: unknown; hints?: string[] } = {}) {
    super(message, options);
    this.sqlstate = options.sqlstate;
    this.statement = options.statement;
  }
}

/** A generated change that fails on the database as it is (found by the trial run). */
export class ChangeFailsError extends DatabaseError {
  override readonly exitCode = ExitCode.changeFails;
}

/** The user interrupted the command (Ctrl-C, SIGTERM); what it was doing was undone. */
export class InterruptError extends PgvcError {
  override readonly exitCode = ExitCode.interrupted;
}

/** An external program (pg_dump, pg_restore, git) failed or is unusable. */
export class ToolError extends PgvcError {
  override readonly exitCode = ExitCode.database;
}

/** Shorten text shown back to the user so one bad value cannot flood the terminal. */
export function shorten(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
