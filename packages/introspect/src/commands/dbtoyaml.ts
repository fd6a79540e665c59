import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { resolveConnection, withSession, type ConnectionOptions, type Session } from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { writeMultipleFiles, writeSchemaYaml, type MultipleFilesResult } from "@pgvc/yaml";
import type { IntrospectFilter } from "../filter.js";
import { introspect } from "../introspect.js";

export interface DbtoyamlOptions extends IntrospectFilter {
  /** Where to connect: dbname (a name or a URI), host, port, username, password. */
  connection: ConnectionOptions;
  noOwner?: boolean | undefined;
  noPrivileges?: boolean | undefined;
  /** Write the YAML to this file (atomically) instead of returning it for stdout. */
  output?: string | undefined;
  /** Write the multiple-files tree under `repository` (default: the current directory). */
  multipleFiles?: boolean | undefined;
  repository?: string | undefined;
  /** Told what is happening, for a progress line. */
  onProgress?: ((stage: string) => void) | undefined;
  /** Environment for connection defaults (PG* variables). */
  env?: NodeJS.ProcessEnv | undefined;
}

export interface DbtoyamlResult {
  database: string;
  model: Database;
  /** The YAML document, unless it went to files. */
  yaml?: string | undefined;
  /** The file written with `output`. */
  outputFile?: string | undefined;
  /** The tree written with `multipleFiles`. */
  files?: MultipleFilesResult | undefined;
}

/** Read the database in one read-only snapshot. */
async function readModel(session: Session, options: DbtoyamlOptions): Promise<Database> {
  await session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const model = await introspect(session, { ...options, dependencies: false });
    await session.query("COMMIT");
    return model;
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Write `text` to `file` through a temporary file in the same folder, so a failure leaves no half file. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, text, { flag: "wx" });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * dbtoyaml: a database's schema as canonical Pyrseas-format YAML, returned
 * (for stdout), written to a file, or written as a multiple-files tree.
 */
export async function dbtoyaml(options: DbtoyamlOptions): Promise<DbtoyamlResult> {
  const connection = resolveConnection(options.connection, options.env);
  options.onProgress?.(`reading ${connection.database}`);
  const model = await withSession(connection, (session) => readModel(session, options));
  options.onProgress?.("writing YAML");
  const result: DbtoyamlResult = { database: connection.database, model };
  if (options.multipleFiles) {
    result.files = await writeMultipleFiles(model, options.repository ?? ".", connection.database);
    return result;
  }
  const yaml = writeSchemaYaml(model);
  if (options.output !== undefined) {
    await writeFileAtomically(options.output, yaml);
    result.outputFile = options.output;
  } else {
    result.yaml = yaml;
  }
  return result;
}
