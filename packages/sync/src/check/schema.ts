import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { emptyDatabase, type Database } from "@pgvc/model";
import { findIndex, readMultipleFiles, readSchemaYaml, writeMultipleFiles, writeSchemaYaml } from "@pgvc/yaml";
import type { PgvcConfig } from "../config/types.js";
import type { RepoFiles } from "../git/files.js";
import { temporaryFolder } from "../git/temporary.js";
import { sha256 } from "../replay/keys.js";

/** sha256 of the schema file, or of every file's path and content in a multiple-files tree. */
export async function schemaContentHash(config: PgvcConfig, files: RepoFiles): Promise<string> {
  if ((await files.kind(config.schema)) === "file") return sha256(await files.read(config.schema));
  const paths = await files.list(config.schema);
  return sha256(...(await Promise.all(paths.map(async (path) => [path, await files.read(path)]))).flat());
}

/**
 * The model the schema file describes, read from this version of the
 * repository. A multiple-files tree in git's index is copied to a
 * temporary folder first (its reader reads folders), then removed; its
 * errors name the tree's files in the repository.
 */
export async function readSchemaModel(config: PgvcConfig, files: RepoFiles, staged: boolean): Promise<Database> {
  const kind = await files.kind(config.schema);
  if (kind === undefined) return emptyDatabase();
  if (kind === "file") return readSchemaYaml(await files.read(config.schema), config.schema);
  if (!staged) return readMultipleFiles(join(config.root, config.schema));
  const copy = await temporaryFolder("pgvc-tree-");
  try {
    for (const path of await files.list(config.schema)) {
      const target = join(copy, ...relative(config.schema, path).split("/"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await files.read(path));
    }
    return await readMultipleFiles(copy);
  } catch (error) {
    // Its errors name the copy's files: name the tree's own instead, which the user edits.
    if (error instanceof Error) error.message = error.message.split(copy).join(join(config.root, config.schema));
    throw error;
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/**
 * Rewrite the schema file (or tree) in the working tree from `model`, in
 * canonical form: an object that did not change is written byte for byte
 * as before (when the file was canonical). Returns the files written.
 */
export async function writeSchemaModel(config: PgvcConfig, model: Database, kind: "file" | "directory" | undefined): Promise<string[]> {
  const path = join(config.root, config.schema);
  if (kind !== "directory") {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, writeSchemaYaml(model, { file: true }));
    return [config.schema];
  }
  const index = await findIndex(path).catch(() => "database.pgvc.yaml");
  const dbname = index.replace(/^database\./, "").replace(/\.yaml$/, "");
  const result = await writeMultipleFiles(model, path, dbname);
  return [result.index, ...result.files].map((f) => relative(config.root, join(path, f)).split(sep).join("/"));
}
