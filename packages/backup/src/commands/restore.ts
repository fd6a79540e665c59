import { dirname, resolve } from "node:path";
import {
  libpqEnvironment,
  quoteIdent,
  ToolError,
  UsageError,
  withDatabase,
  withSession,
  type ResolvedConnection,
  type Session,
} from "@pgvc/core";
import { verifyArchive, type VerifiedArchive } from "../archive.js";
import { CancelledError, InterruptedError, RestoreError, type DatabaseStates } from "../errors.js";
import { databaseStamp, derivedDatabaseName, fileSafe, fileStamp } from "../naming.js";
import { silentReporter, type Reporter } from "../reporter.js";
import { checkRestoredObjects } from "../restore/check.js";
import { createCopy, dropCopy, restoreIntoCopy } from "../restore/copy.js";
import { copyDatabaseProperties } from "../restore/properties.js";
import { swapDatabases } from "../restore/swap.js";
import { assertCanDump, connectMaintenance, databaseExists, databaseInfo, roleExists, type DatabaseInfo } from "../server.js";
import { findTool } from "../tools.js";
import { backup, type BackupResult } from "./backup.js";

export interface RestoreOptions {
  /** A `pg_dump -Fc` archive; its `FILE.json` sidecar is checked when present. */
  file: string;
  /** The server, and in `database` the database to replace (created when missing). */
  connection: ResolvedConnection;
  /** Asked once the archive is verified, before anything changes; false cancels. */
  confirm?: (plan: RestorePlan) => Promise<boolean>;
  /** Drop the replaced database once the swap is done (default: keep it). */
  dropOld?: boolean;
  /** Owner of the new database; default the owner of the one it replaces. */
  owner?: string | undefined;
  /** Passed to pg_restore as `--role`. */
  role?: string | undefined;
  /** Passed to pg_restore as `--jobs`. */
  jobs?: number | undefined;
  /** Back up the database before replacing it (default true). */
  safetyBackup?: boolean;
  /** Where the safety backup goes; default the archive's folder. */
  safetyDirectory?: string | undefined;
  env?: NodeJS.ProcessEnv;
  reporter?: Reporter;
  signal?: AbortSignal | undefined;
  now?: () => Date;
}

/** What a restore will do, shown before it starts. */
export interface RestorePlan {
  archive: VerifiedArchive;
  database: string;
  /** The database being replaced, or undefined when there is none yet. */
  current: DatabaseInfo | undefined;
  /** `DBNAME_restore_<time>`: where the archive is restored first. */
  copy: string;
  /** `DBNAME_before_restore_<time>`: the name the current database moves to. */
  previous: string;
  owner: string | undefined;
  dropOld: boolean;
}

export interface RestoreResult {
  plan: RestorePlan;
  safetyBackup: BackupResult | undefined;
  /** Where the replaced database is kept; undefined when dropped or when there was none. */
  previous: string | undefined;
  terminatedConnections: number;
  /** How many tables, views, functions, indexes and sequences were checked in the copy. */
  checkedObjects: number;
}

async function unusedName(session: Session, base: string, suffix: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const name = derivedDatabaseName(base, n === 1 ? suffix : `${suffix}_${n}`);
    if (!(await databaseExists(session, name))) return name;
  }
}

async function makePlan(session: Session, archive: VerifiedArchive, options: RestoreOptions, now: Date): Promise<RestorePlan> {
  const database = options.connection.database;
  const current = await databaseInfo(session, database);
  const owner = options.owner ?? current?.owner;
  if (options.owner !== undefined && !(await roleExists(session, options.owner))) {
    throw new UsageError(`--owner ${options.owner}: no such role on ${options.connection.host}:${options.connection.port}`);
  }
  if (options.role !== undefined && !(await roleExists(session, options.role))) {
    throw new UsageError(`--role ${options.role}: no such role on ${options.connection.host}:${options.connection.port}`);
  }
  const stamp = databaseStamp(now);
  return {
    archive,
    database,
    current,
    copy: await unusedName(session, database, `_restore_${stamp}`),
    previous: await unusedName(session, database, `_before_restore_${stamp}`),
    owner,
    dropOld: options.dropOld ?? false,
  };
}

/** Where each database stands while the original has not been touched. */
function untouched(plan: RestorePlan, copyState: string | undefined): DatabaseStates {
  const states: DatabaseStates = {};
  states[plan.database] = plan.current ? "untouched, in place and usable" : "does not exist (nothing was replaced)";
  if (copyState !== undefined) states[plan.copy] = copyState;
  return states;
}

interface Progress {
  copyCreated: boolean;
  copyChecked: boolean;
}

/**
 * Restore an archive into a new database and swap it in for the old one:
 * verify the archive, back up the current database, create
 * `DBNAME_restore_<time>` from template0, pg_restore into it and check it,
 * end other sessions on DBNAME, then rename DBNAME to
 * `DBNAME_before_restore_<time>` and the copy to DBNAME in one transaction.
 * Any failure stops it with the original database still in place.
 */
export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const env = options.env ?? process.env;
  const reporter = options.reporter ?? silentReporter;
  const conn = options.connection;
  const now = (options.now ?? (() => new Date()))();
  const pgRestore = findTool("pg_restore", env);
  const file = resolve(options.file);
  const archive = await verifyArchive(file, pgRestore, libpqEnvironment(conn, env));
  const dumped = archive.sidecar?.finishedAt ?? archive.toc.createdAt ?? "unknown time";
  reporter.info(`archive verified: ${file} (${archive.toc.entries.length} entries, "${archive.toc.database ?? "?"}" at ${dumped})`);
  const session = await connectMaintenance(conn, conn.database);
  const progress: Progress = { copyCreated: false, copyChecked: false };
  let plan: RestorePlan | undefined;
  try {
    plan = await makePlan(session, archive, options, now);
    // The safety backup needs a pg_dump that can read this server: say so before anything starts.
    if (plan.current && options.safetyBackup !== false) assertCanDump(findTool("pg_dump", env), session.serverVersionNum, conn);
    return await carryOut(session, plan, { ...options, env, reporter, file }, now, progress);
  } catch (error) {
    throw plan ? await explainFailure(session, plan, options, progress, error) : error;
  } finally {
    await session.close();
  }
}

async function carryOut(
  session: Session,
  plan: RestorePlan,
  options: RestoreOptions & { env: NodeJS.ProcessEnv; reporter: Reporter; file: string },
  now: Date,
  progress: Progress,
): Promise<RestoreResult> {
  const { reporter, signal } = options;
  const checkpoint = () => {
    if (signal?.aborted) throw new InterruptedError("restore interrupted");
  };
  if (options.confirm && !(await options.confirm(plan))) {
    throw new CancelledError(`restore cancelled: nothing was changed, "${plan.database}" is untouched`);
  }
  checkpoint();
  const safetyBackup = await takeSafetyBackup(plan, options, now);
  checkpoint();
  reporter.info(`creating empty database "${plan.copy}" from template0${plan.owner ? ` owned by ${plan.owner}` : ""}`);
  await createCopy(session, plan.copy, plan.owner, plan.current);
  progress.copyCreated = true;
  checkpoint();
  await restoreIntoCopy({
    pgRestore: findTool("pg_restore", options.env),
    file: options.file,
    connection: options.connection,
    copy: plan.copy,
    role: options.role,
    jobs: options.jobs,
    totalEntries: plan.archive.toc.entries.length,
    env: options.env,
    reporter,
    signal,
  });
  const check = await withSession(withDatabase(options.connection, plan.copy), (copy) => checkRestoredObjects(copy, plan.archive.toc));
  if (check.missing.length > 0) {
    throw new ToolError(
      `the restored copy lacks ${check.missing.length} of the archive's ${check.expected} tables, views, functions, indexes and sequences`,
      {
        hints: check.missing.slice(0, 10).map((m) => `missing: ${m}`),
      },
    );
  }
  progress.copyChecked = true;
  reporter.info(`checked "${plan.copy}": all ${check.expected} tables, views, functions, indexes and sequences of the archive are there`);
  if (plan.current) {
    const copied = await copyDatabaseProperties(session, plan.database, plan.copy, reporter);
    if (copied.length > 0) reporter.info(`gave "${plan.copy}" the database-level ${copied.join(", ")} of "${plan.database}"`);
  }
  checkpoint();
  const names = { target: plan.database, targetExists: plan.current !== undefined, copy: plan.copy, previous: plan.previous };
  const terminated = await swapDatabases(session, names, checkpoint);
  progress.copyCreated = false;
  reporter.info(
    plan.current
      ? `swapped: "${plan.database}" is now the restored database; the one it replaced is "${plan.previous}"` +
          (terminated > 0 ? ` (${terminated} open connection(s) ended)` : "")
      : `renamed "${plan.copy}" to "${plan.database}"`,
  );
  const previous = plan.current ? await dropPrevious(session, plan, reporter) : undefined;
  return { plan, safetyBackup, previous, terminatedConnections: terminated, checkedObjects: check.expected };
}

async function takeSafetyBackup(
  plan: RestorePlan,
  options: RestoreOptions & { env: NodeJS.ProcessEnv; reporter: Reporter; file: string },
  now: Date,
): Promise<BackupResult | undefined> {
  if (!plan.current || options.safetyBackup === false) return undefined;
  const result = await backup({
    connection: options.connection,
    directory: options.safetyDirectory ?? dirname(options.file),
    stem: `${fileSafe(plan.database)}_before_restore_${fileStamp(now)}`,
    env: options.env,
    reporter: options.reporter,
    signal: options.signal,
  });
  options.reporter.info(`safety backup of "${plan.database}" as it is now: ${result.file}`);
  return result;
}

async function dropPrevious(session: Session, plan: RestorePlan, reporter: Reporter): Promise<string | undefined> {
  if (!plan.dropOld) {
    reporter.info(
      `kept the replaced database as "${plan.previous}"; drop it when no longer needed: DROP DATABASE ${quoteIdent(plan.previous)};`,
    );
    return plan.previous;
  }
  try {
    await dropCopy(session, plan.previous);
    reporter.info(`dropped the replaced database "${plan.previous}" (--drop-old)`);
    return undefined;
  } catch (error) {
    reporter.info(`the restore is done, but dropping "${plan.previous}" failed, so it is kept: ${(error as Error).message}`);
    return plan.previous;
  }
}

/**
 * Turn a failure into an error that says where each database stands. An
 * interruption undoes the copy; any other failure keeps it for inspection.
 */
async function explainFailure(
  session: Session,
  plan: RestorePlan,
  options: RestoreOptions,
  progress: Progress,
  error: unknown,
): Promise<unknown> {
  const interrupted = Boolean(options.signal?.aborted) || error instanceof InterruptedError;
  if (!progress.copyCreated) {
    if (interrupted)
      return new InterruptedError("restore interrupted before anything was changed", { databases: untouched(plan, undefined) });
    if (error instanceof CancelledError || error instanceof UsageError || !(error instanceof Error)) return error;
    return new RestoreError(`restore stopped before creating anything: ${error.message}`, {
      databases: untouched(plan, undefined),
      hints: (error as { hints?: string[] }).hints ?? [],
      cause: error,
    });
  }
  if (interrupted) {
    const copyState = await dropCopy(session, plan.copy).then(
      () => "dropped (it was incomplete)",
      (dropError: Error) =>
        `left incomplete (dropping it failed: ${dropError.message}); drop it with DROP DATABASE ${quoteIdent(plan.copy)};`,
    );
    return new InterruptedError("restore interrupted", { databases: untouched(plan, copyState) });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RestoreError(`restore failed: ${message}`, {
    databases: untouched(
      plan,
      `${progress.copyChecked ? "restored and checked, but not swapped in" : "partly restored copy"}, kept for inspection; ` +
        `drop it with DROP DATABASE ${quoteIdent(plan.copy)};`,
    ),
    hints: (error as { hints?: string[] }).hints ?? [],
    cause: error,
  });
}
