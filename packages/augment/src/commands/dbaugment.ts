import { readFile } from "node:fs/promises";
import { InputError, resolveConnection, type ConnectionOptions } from "@pgvc/core";
import { diffSchemas, namedAttributes, parsedExpressions, toSql, type Statement } from "@pgvc/diff";
import { introspectSnapshot, writeFileAtomically } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { decodeUtf8, readStandardInput, writeSchemaYaml } from "@pgvc/yaml";
import { augmentDatabase, checkSpec } from "../augment.js";
import type { AugmentSpec } from "../definitions.js";
import { parseAugmentSpec } from "../spec.js";

export interface DbaugmentOptions {
  /** The database to augment: dbname (a name or a URI), host, port, username, password. */
  connection: ConnectionOptions;
  /** The spec file; undefined or `-` reads stdin. */
  spec?: string | undefined;
  /** Where stdin comes from (tests pass text). */
  stdin?: (() => Promise<string>) | undefined;
  noOwner?: boolean | undefined;
  noPrivileges?: boolean | undefined;
  /** The SQL that adds the augmentations, instead of the augmented database's YAML. */
  sql?: boolean | undefined;
  /** Write the result to this file (atomically) instead of returning it. */
  output?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

export interface DbaugmentResult {
  /** The augmented model. */
  model: Database;
  /** With `sql`: the statements from the database to the augmented model (none when it is already augmented). */
  statements: Statement[];
  /** The YAML or SQL text, unless written to `output`. */
  text: string;
}

/**
 * dbaugment: read a spec, read the database, and give the database's
 * canonical YAML with the spec's audit columns, triggers and functions
 * added (for yamltodb), or with `sql` the SQL that adds them. The spec is
 * read and checked before the database is reached.
 */
export async function dbaugment(options: DbaugmentOptions): Promise<DbaugmentResult> {
  const spec = await readSpec(options.spec, options.stdin ?? readStandardInput);
  checkSpec(spec);
  const connection = resolveConnection(options.connection, options.env);
  const current = await introspectSnapshot(connection, { noOwner: options.noOwner === true, noPrivileges: options.noPrivileges === true });
  const model = augmentDatabase(current, spec);
  let statements: Statement[] = [];
  let text: string;
  if (options.sql) {
    statements = diffSchemas(current, model, { ...namedAttributes(model), expressions: await parsedExpressions() });
    text = toSql(statements);
  } else text = writeSchemaYaml(model);
  if (options.output === undefined) return { model, statements, text };
  await writeFileAtomically(options.output, text);
  return { model, statements, text: "" };
}

export async function readSpec(file: string | undefined, stdin: () => Promise<string>): Promise<AugmentSpec> {
  if (file === undefined || file === "-") return parseAugmentSpec(await stdin(), "<stdin>");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read the spec ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseAugmentSpec(decodeUtf8(bytes, file), file);
}
