import { statSync } from "node:fs";
import { InputError, type ResolvedConnection } from "@pgvc/core";
import { toSql, type Statement } from "../statement.js";
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
 * Does a database match a schema file (a YAML file or a multiple-files
 * directory)? The comparison is yamltodb's: semantic, with hand-written
 * expressions judged as the server renders them. Nothing is changed.
 */
export async function checkDatabaseMatchesSchema(options: {
  connection: ResolvedConnection;
  schemaFile: string;
}): Promise<SchemaCheck> {
  const { connection, schemaFile } = options;
  let directory: boolean;
  try {
    directory = statSync(schemaFile).isDirectory();
  } catch (cause) {
    throw new InputError("no such schema file or directory", { location: { file: schemaFile }, cause });
  }
  const result = await yamltodb({
    connection: { dbname: connection.database, host: connection.host, port: connection.port, username: connection.user, password: connection.password },
    ...(directory ? { multipleFiles: true, repository: schemaFile } : { spec: schemaFile }),
  });
  return { matches: result.statements.length === 0, statements: result.statements, report: toSql(result.statements) };
}
