import { writeFile } from "node:fs/promises";
import {
  cancelBackend,
  checkOutputFile,
  DatabaseError,
  defaultLockTimeout,
  describeBlocker,
  InterruptError,
  lockTimeoutHints,
  PgvcError,
  resolveConnection,
  setLockTimeout,
  watchBlockers,
  withSession,
  type ConnectionOptions,
  type Queryable,
  type ResolvedConnection,
  type Session,
} from "@pgvc/core";
import { readSnapshot, type SnapshotRead } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { applyVerified, normalizeThroughServer } from "../apply.js";
import { keepUndescribed, keptWarning } from "../pyrseas.js";
import { diffSchemas, namedAttributes, objectRefs, oldnameHints, sameSchema } from "../engine.js";
import { Expressions, loadSqlParser } from "../normalize.js";
import { checkShortcut } from "./shortcuts.js";
import type { DiffOptions, RenameHint } from "../options.js";
import { toSql, type Statement } from "../statement.js";
import { loadStatementParser, statementParser } from "../validate.js";
import { checkModelValues } from "../validate-values.js";
import { massDropWarnings } from "./drops.js";
import { checkRenames } from "./renames.js";
import { takeApplyLock } from "./locks.js";
import { readSpecTree, readStdin, readYamlSpec } from "./sources.js";
import { describeTrialFailure, trialFailureError, unmadeObjects, type TrialFailure } from "./trial.js";

export interface YamltodbOptions {
  /** The database to change: dbname (a name or a URI), host, port, username, password. */
  connection: ConnectionOptions;
  /** The YAML file; undefined or `-` reads stdin. */
  spec?: string | undefined;
  /** Read the multiple-files tree under `repository` (default: the current directory). */
  multipleFiles?: boolean | undefined;
  repository?: string | undefined;
  /** Only these schemas (-n). */
  schemas?: string[] | undefined;
  /** Wrap the SQL in BEGIN/COMMIT. */
  singleTransaction?: boolean | undefined;
  /** Apply in one transaction, verify, and commit only if the database then matches. */
  update?: boolean | undefined;
  /** Write the SQL to this file instead of returning it. */
  output?: string | undefined;
  /** The SQL that turns a database in the YAML's state back into this database's. */
  revert?: boolean | undefined;
  /** Write each statement's hazards above it as an SQL comment. */
  hazards?: boolean | undefined;
  renames?: RenameHint[] | undefined;
  /** The target, already read and checked (instead of `spec` or `multipleFiles`). */
  model?: Database | undefined;
  /** lock_timeout of the session that tries and applies (default 5s; "0" waits forever). */
  lockTimeout?: string | undefined;
  /** Told while the change waits for a lock (who holds it), or for another apply. */
  onWait?: ((message: string) => void) | undefined;
  /** Aborting (Ctrl-C) cancels the statement running on the server. */
  signal?: AbortSignal | undefined;
  /** Accept an empty or null YAML document as "no objects" (else it is refused: it would drop everything). */
  allowEmpty?: boolean | undefined;
  /** Where stdin comes from (tests pass text). */
  stdin?: (() => Promise<string>) | undefined;
  /** Told what is happening, for a progress line. */
  onProgress?: ((stage: string) => void) | undefined;
  /** Do the work each shortcut skips as well, and fail if the answers differ (see shortcuts.ts; for tests). */
  checkShortcuts?: boolean | undefined;
}

export interface YamltodbResult {
  statements: Statement[];
  /** The SQL text (empty when nothing differs), unless written to `output`. */
  sql: string;
  /** With `update`: the change was committed. */
  applied: boolean;
  /** With `update`: what still differed when verification failed (nothing was committed). */
  remaining: Statement[];
  /** Things the user should know (printed on stderr). */
  warnings: string[];
  /** The change drops whole schemas or most tables (printed on stderr, loudly, with or without --hazards). */
  alarms: string[];
  /** The trial run found that a statement fails on this database (nothing printed on stdout; `output` marks it). */
  failure?: TrialFailure | undefined;
}

/**
 * Compare a database with a YAML spec and produce (or apply) the SQL that
 * makes the database match it. Hand-written expressions are compared as
 * the server renders them: when the first diff is not empty, its
 * statements are run in a transaction that is rolled back and the result
 * read back, and the final diff is taken against that.
 */
export async function yamltodb(options: YamltodbOptions): Promise<YamltodbResult> {
  const warnings: string[] = [];
  const result = await compare(options, warnings);
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

async function compare(options: YamltodbOptions, warnings: string[]): Promise<YamltodbResult> {
  const connection = resolveConnection(options.connection);
  if (options.output !== undefined) checkOutputFile(options.output);
  const introspection = options.schemas?.length ? { schemas: options.schemas } : {};
  // The catalog queries go out first; the YAML is read while the server answers them.
  options.onProgress?.("reading the database");
  let queriesSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (queriesSent = resolve));
  const reading = withLockHints(
    readSnapshot(connection, { ...introspection, lockTimeout: options.lockTimeout ?? defaultLockTimeout, onQueriesSent: queriesSent }),
  );
  await Promise.race([sent, reading.model.catch(() => undefined)]);
  let target: Database;
  try {
    const spec = { allowEmpty: options.allowEmpty };
    target = options.model
      ? options.model
      : options.multipleFiles
        ? await readSpecTree(options.repository ?? ".", spec)
        : await readYamlSpec(options.spec, options.stdin ?? readStdin, spec);
  } catch (error) {
    reading.abandon();
    throw error;
  }
  const diffOptions: DiffOptions = { renames: options.renames ?? [], ...(options.schemas?.length ? { schemas: options.schemas } : {}) };
  if (options.revert) {
    const [current, parser] = await Promise.all([reading.complete, loadSqlParser(), checkedValues(target, options)]);
    diffOptions.expressions = new Expressions(parser);
    checkRenames(diffOptions.renames ?? [], target, "the schema file");
    target = keepFromDatabase(target, current, warnings);
    // What the file does not name (-O, -x) is not compared, as without --revert.
    return finish(options, { from: target, statements: diffSchemas(target, current, { ...diffOptions, ...namedAttributes(target) }) });
  }
  const current = await reading.model;
  try {
    checkRenames(diffOptions.renames ?? [], current, "the database");
  } catch (error) {
    reading.abandon();
    throw error;
  }
  target = keepFromDatabase(target, current, warnings);
  options.onProgress?.("comparing");
  const fullDiff = async () => {
    const [complete, parser] = await Promise.all([reading.complete, loadSqlParser()]);
    return diffSchemas(complete, target, { ...diffOptions, expressions: new Expressions(parser) });
  };
  // The common case in a hook: the file is what dbtoyaml wrote from this very database.
  if ((diffOptions.renames ?? []).length === 0 && sameSchema(current, target)) {
    await checkShortcut(options.checkShortcuts, "the models are equal", [], fullDiff);
    reading.abandon();
    return finish(options, { from: current, statements: [] });
  }
  // First without the recorded dependencies (still being read) or the SQL parser (not yet
  // loaded): when the database already matches, neither changes the answer, and neither is waited for.
  let redo = false;
  const textual = new Expressions();
  let first = diffSchemas(current, target, { ...diffOptions, expressions: textual, onDependenciesRead: () => (redo = true) });
  redo ||= textual.unparsed > 0;
  if (first.length === 0 && !redo) {
    await checkShortcut(options.checkShortcuts, "nothing differs without dependencies or parser", first, fullDiff);
    reading.abandon();
    return finish(options, { from: current, statements: first });
  }
  if (!redo) await checkShortcut(options.checkShortcuts, "the first diff needed no dependencies or parser", first, fullDiff);
  const [, parser] = await Promise.all([reading.complete, loadSqlParser(), checkedValues(target, options)]);
  diffOptions.expressions = new Expressions(parser);
  if (redo) first = diffSchemas(current, target, diffOptions);
  // Nothing to change: no further connection needed.
  if (first.length === 0) return finish(options, { from: current, statements: first });
  // Only new objects (a database built from nothing): no existing text to settle through the server.
  if (!options.update && onlyNewObjects(current, first)) {
    const tried = () =>
      withLockedSession(
        connection,
        options,
        async (session) => (await plan(session, current, target, first, diffOptions, introspection)).statements,
      );
    await checkShortcut(options.checkShortcuts, "only new objects need no trial", first, tried);
    return finish(options, { from: current, statements: first });
  }
  return withLockedSession(connection, options, async (session) => {
    const { statements, goal, failure } = await plan(session, current, target, first, diffOptions, introspection);
    if (failure && options.update) throw trialFailureError(failure);
    if (!options.update || statements.length === 0) return finish(options, { from: current, statements, failure });
    options.onProgress?.("applying and verifying");
    const verifyOptions = { ...diffOptions, renames: [], ...namedAttributes(target) };
    const result = await applyVerified(session, statements, goal, { diff: verifyOptions, introspection });
    return finish(options, { from: current, statements, applied: result.committed, remaining: result.remaining });
  });
}

/**
 * The session that tries and applies: lock_timeout set, who blocks it said
 * while it waits, its statement cancelled on the server when `signal`
 * aborts (Ctrl-C), and with -u one apply at a time per database.
 */
async function withLockedSession<T>(
  connection: ResolvedConnection,
  options: YamltodbOptions,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  return withSession(connection, async (session) => {
    await setLockTimeout(session, options.lockTimeout ?? defaultLockTimeout);
    const { rows } = await session.query<{ pid: number }>("SELECT pg_catalog.pg_backend_pid() AS pid");
    const pid = Number(rows[0]?.pid);
    const say = options.onWait ?? (() => undefined);
    const watcher = watchBlockers(connection, pid, (blockers) => say(`waiting for a lock: ${blockers.map(describeBlocker).join("; ")}`));
    const cancel = () => void cancelBackend(connection, pid).catch(() => undefined);
    options.signal?.addEventListener("abort", cancel, { once: true });
    try {
      if (options.update) await takeApplyLock(session, say);
      return await work(session);
    } catch (error) {
      if (options.signal?.aborted)
        throw new InterruptError("interrupted: the statement running on the server was cancelled; nothing was committed", { cause: error });
      if (error instanceof PgvcError) error.hints.push(...lockTimeoutHints(error, watcher.last()));
      throw error;
    } finally {
      options.signal?.removeEventListener("abort", cancel);
      await watcher.stop();
    }
  });
}

/**
 * Every statement concerns an object the database does not have, and
 * needs nothing it has but schemas. The trial run through the server
 * settles how the database renders the text of objects it has, and finds
 * statements that fail on its data (a NOT NULL column added to a table
 * with rows); a change that only builds new objects beside the old ones
 * meets neither, and the trial of a whole schema is costly (N = 10000: 40 s).
 */
function onlyNewObjects(current: Database, statements: readonly Statement[]): boolean {
  // A drop or a rename is about something the database has: no need to list what it has.
  if (statements.some((st) => st.kind === "drop" || st.kind === "rename")) return false;
  const existing = objectRefs(current);
  const isNew = (ref: string) => !existing.has(ref);
  return statements.every((st) => isNew(st.object) && (st.requires ?? []).every((ref) => ref.startsWith("schema ") || isNew(ref)));
}

/** The statements against the server's own rendering of the target, and that rendering. */
async function plan(
  session: Queryable,
  current: Database,
  target: Database,
  first: Statement[],
  diffOptions: DiffOptions,
  introspection: { schemas?: string[] },
): Promise<{ statements: Statement[]; goal: Database; failure?: TrialFailure }> {
  let rendered: Database;
  try {
    rendered = await normalizeThroughServer(session, first, { introspection });
  } catch (error) {
    // A statement that fails on this data fails the same when applied.
    // A lock not granted in time, a statement cancelled (Ctrl-C), the server out of
    // resources (53xxx: max_locks_per_transaction) or the connection lost (08xxx)
    // say nothing about the change itself: a database error (exit 4), not exit 5.
    if (!(error instanceof DatabaseError) || !blamesTheChange(error.sqlstate)) throw error;
    return { statements: first, goal: target, failure: await describeTrialFailure(session, error) };
  }
  const unmade = unmadeObjects(target, rendered, diffOptions.schemas);
  if (unmade) return { statements: first, goal: target, failure: unmade };
  // The server's rendering knows no `oldname`: carry those renames as hints.
  const renames = [...(diffOptions.renames ?? []), ...oldnameHints(target)];
  const statements = diffSchemas(current, rendered, { ...diffOptions, renames, ...namedAttributes(target) });
  return { statements, goal: rendered };
}

interface Outcome {
  /** The side the statements start from (the database, or the YAML with --revert). */
  from: Database;
  statements: Statement[];
  applied?: boolean;
  remaining?: Statement[];
  failure?: TrialFailure | undefined;
}

/** A file in Pyrseas's dialect leaves alone what that dialect cannot describe (pyrseas.ts). */
function keepFromDatabase(target: Database, current: Database, warnings: string[]): Database {
  const { target: next, kept } = keepUndescribed(target, current);
  const warning = keptWarning(kept);
  if (warning !== undefined) warnings.push(warning);
  return next;
}

/** Every value of the YAML that lands in SQL is one thing of its kind (validate-values.ts). */
async function checkedValues(target: Database, options: YamltodbOptions): Promise<void> {
  await loadStatementParser();
  const file = options.multipleFiles
    ? `${options.repository ?? "."}/metadata`
    : options.spec === undefined || options.spec === "-"
      ? "<stdin>"
      : options.spec;
  checkModelValues(statementParser(), target, file);
}

async function finish(options: YamltodbOptions, outcome: Outcome): Promise<YamltodbResult> {
  const { statements, failure } = outcome;
  let sql = failure ? failingSql(statements, failure, options.hazards === true) : toSql(statements, { hazards: options.hazards === true });
  if (options.singleTransaction && sql !== "") sql = `BEGIN;\n${sql}COMMIT;\n`;
  const result = {
    statements,
    applied: outcome.applied ?? false,
    remaining: outcome.remaining ?? [],
    warnings: [],
    alarms: massDropWarnings(outcome.from, statements),
    failure,
  };
  if (options.output !== undefined) {
    await writeFile(options.output, sql);
    return { ...result, sql: "" };
  }
  // SQL known to fail is not printed where a pipe into psql would run it.
  return { ...result, sql: failure ? "" : sql };
}

/** The SQL with a header saying it fails, and the failing statement marked. */
function failingSql(statements: readonly Statement[], failure: TrialFailure, hazards: boolean): string {
  const header = [
    "-- THIS CHANGE FAILS on the database it was generated for (tried in a transaction and rolled back):",
    `--   ${failure.message}`,
    ...failure.hints.map((hint) => `--   ${hint}`),
  ].join("\n");
  const body = statements
    .map((st) => {
      const mark = st === failure.statement ? `-- FAILS HERE: ${failure.message.replace(/\n/g, " ")}\n` : "";
      return `${mark}${toSql([st], { hazards })}`;
    })
    .join("");
  return `${header.replace(/\n(?!--)/g, "\n-- ")}\n${body}`;
}

function blamesTheChange(sqlstate: string | undefined): boolean {
  return sqlstate !== undefined && sqlstate !== "55P03" && sqlstate !== "57014" && !/^(53|08|57P)/.test(sqlstate);
}

/** The read with the lock timeout's hint on its errors: reading a view's definition waits behind an ALTER of its tables. */
function withLockHints(read: SnapshotRead): SnapshotRead {
  const hinted = <T>(promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      // The read itself names the holders; the hint on what to do comes once, however many reads await it.
      if (error instanceof PgvcError && !error.hints.some((h) => h.includes("--lock-timeout")))
        error.hints.push(...lockTimeoutHints(error, undefined));
      throw error;
    });
  const complete = hinted(read.complete);
  // As readSnapshot's own: a caller that stops at `model` leaves `complete` unawaited.
  complete.catch(() => undefined);
  return { ...read, model: hinted(read.model), complete };
}
