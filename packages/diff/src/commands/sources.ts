import { existsSync, statSync } from "node:fs";
import { connect, InputError, isConnectionUri, resolveConnection, type ConnectionOptions, type Session } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { emptyDatabase, type Database } from "@pgvc/model";
import { readMultipleFiles, readSchemaFile, readSchemaSpec, readStandardInput } from "@pgvc/yaml";

/** Where a side of a diff comes from. */
export type Source =
  { kind: "empty" } | { kind: "yaml"; file: string } | { kind: "directory"; dir: string } | { kind: "database"; dbname: string };

/**
 * `empty`, a multiple-files directory, a YAML file, or else a database
 * (a name or a postgres:// URI). A path that exists wins over a database
 * of the same name; `./name` forces a path.
 */
export function classifySource(text: string): Source {
  if (text === "empty") return { kind: "empty" };
  if (isConnectionUri(text)) return { kind: "database", dbname: text };
  if (existsSync(text)) return statSync(text).isDirectory() ? { kind: "directory", dir: text } : { kind: "yaml", file: text };
  if (/\.ya?ml$/i.test(text) || text.includes("/")) return { kind: "yaml", file: text };
  return { kind: "database", dbname: text };
}

/**
 * What `empty` means: a database as createdb makes it, which already has
 * schema public (with its comment), so that `pgvc diff empty schema.yaml | psql NEWDB`
 * does not fail on CREATE SCHEMA public. Its owner differs between servers
 * (pg_database_owner from 15), so none is assumed.
 */
export function createdbDatabase(): Database {
  const db = emptyDatabase();
  db.schemas.public = { description: "standard public schema" };
  return db;
}

export function describeSource(source: Source): string {
  switch (source.kind) {
    case "empty":
      return "a new database (as createdb makes it)";
    case "yaml":
      return source.file;
    case "directory":
      return `${source.dir}/metadata`;
    case "database":
      return `database ${source.dbname}`;
  }
}

/** What reading a spec may accept. */
export interface SpecOptions {
  /** Accept an empty or null document as "no objects" (else it is an InputError). */
  allowEmpty?: boolean | undefined;
}

/** Read a YAML spec: a file, `-` or nothing for stdin. */
export async function readYamlSpec(file: string | undefined, stdin: () => Promise<string>, options: SpecOptions = {}): Promise<Database> {
  if (file === undefined || file === "-") return readSchemaSpec(await stdin(), "<stdin>", options);
  return readSchemaSpec(await readSchemaFile(file), file, options);
}

/** Read a multiple-files tree; one that holds no object at all is refused unless `allowEmpty`. */
export async function readSpecTree(dir: string, options: SpecOptions = {}): Promise<Database> {
  const db = await readMultipleFiles(dir);
  if (!options.allowEmpty && Object.keys(db).every((key) => isEmptyCollection((db as Record<string, unknown>)[key]))) {
    throw new InputError(`${dir}/metadata: the tree describes no object at all`, {
      hints: ["an empty schema would drop every object of the database; if that is what you want, say so with --allow-empty"],
    });
  }
  return db;
}

function isEmptyCollection(value: unknown): boolean {
  return value === undefined || (typeof value === "object" && value !== null && Object.keys(value).length === 0);
}

export interface LoadedSource {
  model: Database;
  /** Open when the source is a database; the caller closes it. */
  session?: Session;
}

export async function loadSource(
  source: Source,
  connection: ConnectionOptions,
  schemas: string[],
  options: SpecOptions = {},
): Promise<LoadedSource> {
  switch (source.kind) {
    case "empty":
      return { model: createdbDatabase() };
    case "yaml":
      return { model: await readYamlSpec(source.file, readStandardInput, options) };
    case "directory":
      return { model: await readSpecTree(source.dir, options) };
    case "database": {
      const session = await connect(resolveConnection({ ...connection, dbname: source.dbname }));
      try {
        return { model: await introspect(session, { schemas }), session };
      } catch (error) {
        await session.close();
        throw error;
      }
    }
  }
}

export const readStdin = (): Promise<string> => readStandardInput();
