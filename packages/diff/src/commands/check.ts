import { statSync } from "node:fs";
import { InputError, type ResolvedConnection } from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { toSql, type Statement } from "../statement.js";
import { loadStatementParser, statementParser } from "../validate.js";
import { checkModelValues } from "../validate-values.js";
import { readSpecTree, readYamlSpec } from "./sources.js";
import { yamltodb } from "./yamltodb.js";

export interface SchemaCheck {
  /** The database holds exactly what the schema file describes. */
  matches: boolean;
  /** What would make the database match, in order (empty when it matches). */
  statements: Statement[];
  /** The same as SQL text, for a person to read. */
  report: string;
}

/**
 * Read and validate a schema file (a YAML file or a multiple-files
 * directory) as yamltodb would, without a database: for a caller that must
 * refuse bad input before it changes anything (pgvc guard --expect).
 */
export async function readExpectedSchema(schemaFile: string): Promise<Database> {
  let directory: boolean;
  try {
    directory = statSync(schemaFile).isDirectory();
  } catch (cause) {
    throw new InputError("no such schema file or directory", { location: { file: schemaFile }, cause });
  }
  const model = directory ? await readSpecTree(schemaFile) : await readYamlSpec(schemaFile, async () => "");
  await loadStatementParser();
  checkModelValues(statementParser(), model, directory ? `${schemaFile}/metadata` : schemaFile);
  return model;
}

/**
 * Does a database match a schema file (a YAML file or a multiple-files
 * directory)? The comparison is yamltodb's: semantic, with hand-written
 * expressions judged as the server renders them. Nothing is changed.
 * `target`: the file already read (readExpectedSchema).
 */
export async function checkDatabaseMatchesSchema(options: {
  connection: ResolvedConnection;
  schemaFile: string;
  target?: Database | undefined;
}): Promise<SchemaCheck> {
  const { connection, schemaFile } = options;
  const target = options.target ?? (await readExpectedSchema(schemaFile));
  const result = await yamltodb({
    connection: {
      dbname: connection.database,
      host: connection.host,
      port: connection.port,
      username: connection.user,
      password: connection.password,
    },
    model: target,
  });
  const failing = result.failure ? `-- these statements would fail on the database: ${result.failure.message.replace(/\n/g, " ")}\n` : "";
  return { matches: result.statements.length === 0, statements: result.statements, report: `${failing}${toSql(result.statements)}` };
}
