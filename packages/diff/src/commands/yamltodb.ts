import { writeFile } from "node:fs/promises";
import { resolveConnection, withSession, type ConnectionOptions, type Queryable } from "@pgvc/core";
import { readSnapshot } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { readMultipleFiles } from "@pgvc/yaml";
import { applyVerified, normalizeThroughServer } from "../apply.js";
import { diffSchemas, namedAttributes, objectRefs, oldnameHints, sameSchema } from "../engine.js";
import { comparisonsWithoutParser, loadSqlParser } from "../normalize.js";
import type { DiffOptions, RenameHint } from "../options.js";
import { toSql, type Statement } from "../statement.js";
import { readStdin, readYamlSpec } from "./sources.js";

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
  /** Where stdin comes from (tests pass text). */
  stdin?: (() => Promise<string>) | undefined;
  /** Told what is happening, for a progress line. */
  onProgress?: ((stage: string) => void) | undefined;
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
}

/**
 * Compare a database with a YAML spec and produce (or apply) the SQL that
 * makes the database match it. Hand-written expressions are compared as
 * the server renders them: when the first diff is not empty, its
 * statements are run in a transaction that is rolled back and the result
 * read back, and the final diff is taken against that.
 */
export async function yamltodb(options: YamltodbOptions): Promise<YamltodbResult> {
  const connection = resolveConnection(options.connection);
  const introspection = options.schemas?.length ? { schemas: options.schemas } : {};
  // The catalog queries go out first; the YAML is read while the server answers them.
  options.onProgress?.("reading the database");
  let queriesSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (queriesSent = resolve));
  const reading = readSnapshot(connection, { ...introspection, onQueriesSent: queriesSent });
  await Promise.race([sent, reading.model.catch(() => undefined)]);
  let target: Database;
  try {
    target = options.multipleFiles
      ? await readMultipleFiles(options.repository ?? ".")
      : await readYamlSpec(options.spec, options.stdin ?? readStdin);
  } catch (error) {
    reading.abandon();
    throw error;
  }
  const diffOptions: DiffOptions = { renames: options.renames ?? [], ...(options.schemas?.length ? { schemas: options.schemas } : {}) };
  if (options.revert) {
    const [current] = await Promise.all([reading.complete, loadSqlParser()]);
    return finish(options, diffSchemas(target, current, diffOptions), false, [], []);
  }
  const current = await reading.model;
  options.onProgress?.("comparing");
  // The common case in a hook: the file is what dbtoyaml wrote from this very database.
  if ((diffOptions.renames ?? []).length === 0 && sameSchema(current, target)) {
    reading.abandon();
    return finish(options, [], false, [], []);
  }
  // First without the recorded dependencies (still being read) or the SQL parser (not yet
  // loaded): when the database already matches, neither changes the answer, and neither is waited for.
  let redo = false;
  const unparsed = comparisonsWithoutParser();
  let first = diffSchemas(current, target, { ...diffOptions, onDependenciesRead: () => (redo = true) });
  redo ||= comparisonsWithoutParser() !== unparsed;
  if (first.length === 0 && !redo) {
    reading.abandon();
    return finish(options, first, false, [], []);
  }
  await Promise.all([reading.complete, loadSqlParser()]);
  if (redo) first = diffSchemas(current, target, diffOptions);
  // Nothing to change: no further connection needed.
  if (first.length === 0) return finish(options, first, false, [], []);
  // Only new objects (a database built from nothing): no existing text to settle through the server.
  if (!options.update && onlyNewObjects(current, first)) return finish(options, first, false, [], []);
  return withSession(connection, async (session) => {
    const warnings: string[] = [];
    const { statements, goal } = await plan(session, current, target, first, diffOptions, introspection, options.update === true, warnings);
    if (!options.update || statements.length === 0) return finish(options, statements, false, [], warnings);
    options.onProgress?.("applying and verifying");
    const verifyOptions = { ...diffOptions, renames: [], ...namedAttributes(target) };
    const result = await applyVerified(session, statements, goal, { diff: verifyOptions, introspection });
    return finish(options, statements, result.committed, result.remaining, warnings);
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
  update: boolean,
  warnings: string[],
): Promise<{ statements: Statement[]; goal: Database }> {
  let rendered: Database;
  try {
    rendered = await normalizeThroughServer(session, first, { introspection });
  } catch (error) {
    // A statement that fails on this data fails the same when applied; without -u, show the SQL anyway.
    if (update) throw error;
    warnings.push(`the change does not apply to this database as it is: ${(error as Error).message}`);
    return { statements: first, goal: target };
  }
  // The server's rendering knows no `oldname`: carry those renames as hints.
  const renames = [...(diffOptions.renames ?? []), ...oldnameHints(target)];
  const statements = diffSchemas(current, rendered, { ...diffOptions, renames, ...namedAttributes(target) });
  return { statements, goal: rendered };
}

async function finish(options: YamltodbOptions, statements: Statement[], applied: boolean, remaining: Statement[], warnings: string[]): Promise<YamltodbResult> {
  let sql = toSql(statements, { hazards: options.hazards === true });
  if (options.singleTransaction && sql !== "") sql = `BEGIN;\n${sql}COMMIT;\n`;
  if (options.output !== undefined) {
    await writeFile(options.output, sql);
    return { statements, sql: "", applied, remaining, warnings };
  }
  return { statements, sql, applied, remaining, warnings };
}
