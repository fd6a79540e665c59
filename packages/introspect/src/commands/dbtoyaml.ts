import { randomBytes } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  checkOutputFile,
  defaultLockTimeout,
  lockTimeoutHints,
  PgvcError,
  resolveConnection,
  UsageError,
  type ConnectionOptions,
} from "@pgvc/core";
import type { Database } from "@pgvc/model";
import type { MultipleFilesResult } from "@pgvc/yaml";
import { splitTableNames, type IntrospectFilter } from "../filter.js";
import { allKinds } from "../kinds/index.js";
import { introspectSnapshot } from "../snapshot.js";
import { viewDependsOn } from "../view-depends-on.js";

export interface DbtoyamlOptions extends IntrospectFilter {
  /** Where to connect: dbname (a name or a URI), host, port, username, password. */
  connection: ConnectionOptions;
  noOwner?: boolean | undefined;
  noPrivileges?: boolean | undefined;
  /** Write the YAML to this file (atomically) instead of returning it for stdout. */
  output?: string | undefined;
  /** Hand the YAML to this function in chunks as it is written, instead of returning it (for stdout). */
  write?: ((chunk: string) => void) | undefined;
  /** Write the multiple-files tree under `repository` (default: the current directory). */
  multipleFiles?: boolean | undefined;
  repository?: string | undefined;
  /** Told what is happening, for a progress line. */
  onProgress?: ((stage: string) => void) | undefined;
  /** Environment for connection defaults (PG* variables). */
  env?: NodeJS.ProcessEnv | undefined;
  /** How long a catalog read may wait for a lock (`--lock-timeout`, default 5s; `0` waits forever). */
  lockTimeout?: string | undefined;
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

/** Write `text` to `file` through a temporary file in the same folder, so a failure leaves no half file. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await writeFileAtomicallyFrom(file, (write) => write(text));
}

/** As `writeFileAtomically`, the text coming from `produce` in chunks (never held whole). */
export async function writeFileAtomicallyFrom(file: string, produce: (write: (chunk: string) => void) => void): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fd = openSync(temporary, "wx");
    try {
      produce((chunk) => writeSync(fd, chunk));
    } finally {
      closeSync(fd);
    }
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
  if (options.output !== undefined) checkOutputFile(options.output);
  options.onProgress?.(`reading ${connection.database}`);
  // The writer loads while the server answers the catalog queries.
  const [model, { writeMultipleFiles, writeSchemaYaml, writeSchemaYamlTo }] = await Promise.all([
    // Views get `depends_on` as Pyrseas writes it, for Pyrseas's yamltodb (view-depends-on.ts).
    introspectSnapshot(connection, {
      ...options,
      lockTimeout: options.lockTimeout ?? defaultLockTimeout,
      dependencies: false,
      kinds: [...allKinds, viewDependsOn],
    }).catch((error: unknown) => {
      if (error instanceof PgvcError) error.hints.push(...lockTimeoutHints(error, undefined, "nothing was written"));
      throw error;
    }),
    import("@pgvc/yaml"),
  ]);
  checkTablesFound(model, options.tables ?? []);
  options.onProgress?.("writing YAML");
  const result: DbtoyamlResult = { database: connection.database, model };
  if (options.multipleFiles) {
    result.files = await writeMultipleFiles(model, options.repository ?? ".", connection.database);
    return result;
  }
  // The text goes out as it is written: a large schema's YAML is never held whole.
  if (options.output !== undefined) {
    await writeFileAtomicallyFrom(options.output, (write) => writeSchemaYamlTo(model, write, { file: true }));
    result.outputFile = options.output;
  } else if (options.write !== undefined) {
    writeSchemaYamlTo(model, options.write, { file: true });
  } else {
    result.yaml = writeSchemaYaml(model, { file: true });
  }
  return result;
}

const relationFields = ["tables", "views", "materializedViews", "sequences", "foreignTables"] as const;

/** Each -t names a relation that was found: a typo must not give an empty file and exit 0. */
function checkTablesFound(model: Database, tables: readonly string[]): void {
  if (tables.length === 0) return;
  const found: string[] = [];
  for (const [schema, s] of Object.entries(model.schemas)) {
    for (const field of relationFields) for (const name of Object.keys(s[field] ?? {})) found.push(`${schema}.${name}`);
  }
  const missing = tables.filter((table) => {
    const { qualified, bare } = splitTableNames([table]);
    return qualified.length > 0 ? !found.includes(qualified[0] as string) : !found.some((f) => f.slice(f.indexOf(".") + 1) === bare[0]);
  });
  if (missing.length === 0) return;
  throw new UsageError(`-t ${missing.join(", ")}: no such table, view or sequence`, {
    hints:
      found.length > 0
        ? [`found: ${found.slice(0, 20).join(", ")}${found.length > 20 ? ", ..." : ""}`]
        : ["no relation of the database, in the schemas read, has that name"],
  });
}
