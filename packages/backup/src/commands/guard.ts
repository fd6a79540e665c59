import { spawn } from "node:child_process";
import { libpqEnvironment, PgvcError, ToolError, type ResolvedConnection } from "@pgvc/core";
import { InterruptedError } from "../errors.js";
import { shellWord } from "../naming.js";
import { silentReporter, type Reporter } from "../reporter.js";
import { backup, type BackupResult } from "./backup.js";
import { restore, type RestoreResult } from "./restore.js";

/** What an `expect` checker says about the database after the command. */
export interface Expectation {
  matches: boolean;
  /** Shown when it does not match: what differs. */
  report: string;
}

/** Compares the database with an expected schema (the diff package provides one). */
export type ExpectChecker = (connection: ResolvedConnection) => Promise<Expectation>;

export interface GuardOptions {
  /** The database the command changes. */
  connection: ResolvedConnection;
  /** The command and its arguments, run without a shell. */
  command: string[];
  /** Checked after a successful command; a mismatch counts as a failure. */
  expect?: ExpectChecker | undefined;
  /** Restore the backup when the command fails or the database does not match. */
  restoreOnFailure?: boolean;
  /** Where the backup goes; default the current folder. */
  directory?: string | undefined;
  /** For the restore: see RestoreOptions. */
  dropOld?: boolean;
  owner?: string | undefined;
  role?: string | undefined;
  env?: NodeJS.ProcessEnv;
  reporter?: Reporter;
  signal?: AbortSignal | undefined;
}

export interface CommandOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export interface GuardResult {
  backup: BackupResult;
  command: CommandOutcome;
  /** Set when an expect checker ran. */
  expectation: Expectation | undefined;
  /** Why the guarded step failed, or undefined when it succeeded. */
  failure: string | undefined;
  /** Set when the backup was restored. */
  restored: RestoreResult | undefined;
}

/**
 * Run a command with the libpq variables of the guarded database, so that
 * `psql`, `./manage.py migrate` and the like reach the same database.
 */
function runCommand(command: string[], conn: ResolvedConnection, env: NodeJS.ProcessEnv): Promise<CommandOutcome> {
  const [program, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, { stdio: "inherit", env: libpqEnvironment(conn, env) });
    child.on("error", (error) => reject(new ToolError(`could not run ${program}: ${error.message}`, { cause: error })));
    child.on("close", (exitCode, signal) => resolve({ exitCode, signal }));
  });
}

function describeOutcome(outcome: CommandOutcome): string {
  return outcome.signal ? `was killed by ${outcome.signal}` : `exited with status ${outcome.exitCode}`;
}

/**
 * Back up, run a command (a migration), then check the database; when the
 * command fails or the database does not match what is expected, say so
 * and, if asked, restore the backup (the failed state is kept by restore).
 */
export async function guard(options: GuardOptions): Promise<GuardResult> {
  if (options.command.length === 0) throw new ToolError("guard needs a command to run");
  const env = options.env ?? process.env;
  const reporter = options.reporter ?? silentReporter;
  const conn = options.connection;
  const saved = await backup({ connection: conn, directory: options.directory, env, reporter, signal: options.signal });
  const goBack = `pgvc restore ${shellWord(saved.file)} ${shellWord(conn.database)}`;
  reporter.info(`backup before the command: ${saved.file}`);
  reporter.info(`running: ${options.command.join(" ")}`);
  const outcome = await runCommand(options.command, conn, env);
  if (options.signal?.aborted) {
    throw new InterruptedError(`interrupted while the command ran; "${conn.database}" was not restored`, {
      hints: [`to go back to the state before the command: ${goBack}`],
    });
  }
  let failure = outcome.exitCode === 0 ? undefined : `the command ${describeOutcome(outcome)}`;
  let expectation: Expectation | undefined;
  if (!failure && options.expect) {
    // Once the command has run, a check that cannot be made is a failure like any other: it restores when asked.
    expectation = await options.expect(conn).catch((error: unknown) => {
      const message = error instanceof PgvcError ? error.message : String(error);
      return { matches: false, report: `the check could not be made: ${message}` };
    });
    if (!expectation.matches) failure = `the database does not match the expected schema:\n${expectation.report}`;
    else reporter.info(`"${conn.database}" matches the expected schema`);
  }
  if (!failure) return { backup: saved, command: outcome, expectation, failure, restored: undefined };
  reporter.info(`failed: ${failure}`);
  if (!options.restoreOnFailure) {
    reporter.info(`"${conn.database}" was left as the command left it; to go back: ${goBack}`);
    return { backup: saved, command: outcome, expectation, failure, restored: undefined };
  }
  reporter.info(`restoring "${conn.database}" from ${saved.file} (--restore-on-failure)`);
  const restored = await restore({
    file: saved.file,
    connection: conn,
    dropOld: options.dropOld,
    owner: options.owner,
    role: options.role,
    env,
    reporter,
    signal: options.signal,
  });
  return { backup: saved, command: outcome, expectation, failure, restored };
}
