import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { connect, isConnectionUri, resolveConnection, type ConnectionOptions, type Session } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { emptyDatabase, type Database } from "@pgvc/model";
import { readMultipleFiles, readSchemaYaml } from "@pgvc/yaml";

/** Where a side of a diff comes from. */
export type Source =
  | { kind: "empty" }
  | { kind: "yaml"; file: string }
  | { kind: "directory"; dir: string }
  | { kind: "database"; dbname: string };

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

export function describeSource(source: Source): string {
  switch (source.kind) {
    case "empty":
      return "an empty database";
    case "yaml":
      return source.file;
    case "directory":
      return `${source.dir}/metadata`;
    case "database":
      return `database ${source.dbname}`;
  }
}

/** Read a YAML spec: a file, `-` or nothing for stdin. */
export async function readYamlSpec(file: string | undefined, stdin: () => Promise<string>): Promise<Database> {
  if (file === undefined || file === "-") return readSchemaYaml(await stdin(), "<stdin>");
  return readSchemaYaml(await readFile(file, "utf8"), file);
}

export interface LoadedSource {
  model: Database;
  /** Open when the source is a database; the caller closes it. */
  session?: Session;
}

export async function loadSource(source: Source, connection: ConnectionOptions, schemas: string[]): Promise<LoadedSource> {
  switch (source.kind) {
    case "empty":
      return { model: emptyDatabase() };
    case "yaml":
      return { model: await readYamlSpec(source.file, async () => "") };
    case "directory":
      return { model: await readMultipleFiles(source.dir) };
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

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
