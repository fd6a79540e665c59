import { writeFile } from "node:fs/promises";
import { checkOutputFile, DatabaseError, type ConnectionOptions, type Session } from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { normalizeThroughServer } from "../apply.js";
import { diffSchemas, namedAttributes, oldnameHints } from "../engine.js";
import { parsedExpressions } from "../normalize.js";
import type { DiffOptions, RenameHint } from "../options.js";
import { toSql, type Statement } from "../statement.js";
import { loadStatementParser, statementParser } from "../validate.js";
import { checkModelValues } from "../validate-values.js";
import { keepUndescribedBetween, keptWarning } from "../pyrseas.js";
import { massDropWarnings } from "./drops.js";
import { checkRenames } from "./renames.js";
import { classifySource, loadSource, type LoadedSource, type Source } from "./sources.js";
import { describeTrialFailure, unmadeObjects, type TrialFailure } from "./trial.js";

export interface DiffCommandOptions {
  /** Each side: `empty`, a YAML file, a multiple-files directory, or a database name or URI. */
  from: string;
  to: string;
  /** Host, port, user, password for the database sides. */
  connection: ConnectionOptions;
  schemas?: string[] | undefined;
  renames?: RenameHint[] | undefined;
  singleTransaction?: boolean | undefined;
  hazards?: boolean | undefined;
  output?: string | undefined;
  /** Accept an empty or null YAML document as a schema with no objects. */
  allowEmpty?: boolean | undefined;
}

export interface DiffCommandResult {
  statements: Statement[];
  sql: string;
  /** The change drops whole schemas or most tables. */
  alarms: string[];
  /** What a side in Pyrseas's dialect could not describe and was left as the other side has it. */
  warnings: string[];
  /** FROM is a database and a statement failed there in the trial run. */
  failure?: TrialFailure | undefined;
}

/**
 * The statements that turn FROM into TO, for any two sources. When FROM is
 * a database, the target's expressions are compared as that server renders
 * them (the statements are tried in a transaction that is rolled back);
 * otherwise by parse tree.
 */
export async function diffCommand(options: DiffCommandOptions): Promise<DiffCommandResult> {
  if (options.output !== undefined) checkOutputFile(options.output);
  const expressions = await parsedExpressions();
  const schemas = options.schemas ?? [];
  const diffOptions: DiffOptions = { renames: options.renames ?? [], expressions, ...(schemas.length ? { schemas } : {}) };
  const spec = { allowEmpty: options.allowEmpty };
  const opened: LoadedSource[] = [];
  try {
    const fromSource = classifySource(options.from);
    const from = await loadSource(fromSource, options.connection, schemas, spec);
    opened.push(from);
    const toSource = classifySource(options.to);
    const to = await loadSource(toSource, options.connection, schemas, spec);
    opened.push(to);
    Object.assign(diffOptions, comparedAttributes([fromSource, from], [toSource, to]));
    await loadStatementParser();
    for (const [side, source] of [
      [options.from, from],
      [options.to, to],
    ] as const)
      if (!source.session && side !== "empty") checkModelValues(statementParser(), source.model, side);
    checkRenames(diffOptions.renames ?? [], from.model, options.from);
    // A side read from a Pyrseas file leaves alone what it cannot describe (pyrseas.ts).
    const sides = keepUndescribedBetween(from.model, to.model);
    const warnings = [keptWarning(sides.kept)].filter((w) => w !== undefined);
    let statements = diffSchemas(sides.from, sides.to, diffOptions);
    let failure: TrialFailure | undefined;
    if (statements.length > 0 && from.session) {
      const tried = await tryThroughServer(from.session, sides.from, sides.to, statements, diffOptions);
      statements = tried.statements;
      failure = tried.failure;
    }
    let sql = toSql(statements, { hazards: options.hazards === true });
    if (options.singleTransaction && sql !== "") sql = `BEGIN;\n${sql}COMMIT;\n`;
    if (options.output !== undefined) {
      await writeFile(
        options.output,
        failure ? `-- THIS CHANGE FAILS on ${options.from} (tried and rolled back): ${failure.message.replace(/\n/g, " ")}\n${sql}` : sql,
      );
      sql = "";
    }
    return { statements, sql: failure ? "" : sql, alarms: massDropWarnings(from.model, statements), warnings, failure };
  } finally {
    for (const source of opened) await source.session?.close();
  }
}

/**
 * Owners and privileges are compared only when both sides know them: a
 * database (or `empty`) always does, a file only when it names them. A
 * `dbtoyaml -O -x` file on either side says nothing about who owns what.
 */
function comparedAttributes(...sides: [Source, LoadedSource][]): Required<Pick<DiffOptions, "owners" | "privileges">> {
  const compared = { owners: true, privileges: true };
  for (const [source, loaded] of sides) {
    if (source.kind === "database" || source.kind === "empty") continue;
    const named = namedAttributes(loaded.model);
    compared.owners &&= named.owners;
    compared.privileges &&= named.privileges;
  }
  return compared;
}

/** The statements against FROM's server's rendering of TO; a failing statement is reported, not hidden. */
async function tryThroughServer(
  session: Session,
  from: Database,
  to: Database,
  statements: Statement[],
  diffOptions: DiffOptions,
): Promise<{ statements: Statement[]; failure?: TrialFailure }> {
  const schemas = diffOptions.schemas ?? [];
  try {
    const rendered = await normalizeThroughServer(session, statements, { introspection: schemas.length ? { schemas } : {} });
    const unmade = unmadeObjects(to, rendered, schemas);
    if (unmade) return { statements, failure: unmade };
    const renames = [...(diffOptions.renames ?? []), ...oldnameHints(to)];
    return { statements: diffSchemas(from, rendered, { ...diffOptions, renames }) };
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    return { statements, failure: await describeTrialFailure(session, error) };
  }
}
