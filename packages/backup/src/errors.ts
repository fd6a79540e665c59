import { PgvcError } from "@pgvc/core";

/** Where each database involved in a restore stands, for messages and callers. */
export interface DatabaseStates {
  /** Database name → one line saying what it holds and whether it is in use. */
  [database: string]: string;
}

/** Hints that list where each database stands, one line each. */
export function stateHints(states: DatabaseStates): string[] {
  return Object.entries(states).map(([name, state]) => `database "${name}": ${state}`);
}

/** The user stopped the command (Ctrl-C); what was done has been finished or undone. */
export class InterruptedError extends PgvcError {
  override readonly exitCode = 130;
  readonly databases: DatabaseStates;

  constructor(message: string, options: { databases?: DatabaseStates; hints?: string[]; cause?: unknown } = {}) {
    const databases = options.databases ?? {};
    super(message, { cause: options.cause, hints: [...stateHints(databases), ...(options.hints ?? [])] });
    this.databases = databases;
  }
}

/** The user answered no at the confirmation prompt: nothing was changed. */
export class CancelledError extends PgvcError {
  override readonly exitCode = 1;
}

/**
 * A restore step failed after the archive was verified. `databases` says where
 * each database stands; the original one is always still usable under its name.
 */
export class RestoreError extends PgvcError {
  override readonly exitCode = 4;
  readonly databases: DatabaseStates;

  constructor(message: string, options: { databases: DatabaseStates; hints?: string[]; cause?: unknown }) {
    super(message, { cause: options.cause, hints: [...stateHints(options.databases), ...(options.hints ?? [])] });
    this.databases = options.databases;
  }
}
