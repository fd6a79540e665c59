import { readdir, readFile, realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { isMap } from "yaml";
import { InputError, UsageError } from "@pgvc/core";
import { emptyDatabase, type Database } from "@pgvc/model";
import { hasDialectLine, markPgvcDialect } from "./dialect.js";
import { indexFile } from "./files.js";
import { readSchemaFile } from "./input.js";
import { indexEntries, insideMetadata } from "./multiple.js";
import { combineProblems, SchemaInputError } from "./problems.js";
import { mergeSchemaObjectsYaml, mergeSchemaYaml, parseYaml } from "./read.js";

/**
 * Reading a multiple-files tree: the files its index lists, and also, as
 * Pyrseas reads a tree by listing its directory, `.yaml` files that a
 * person added without updating the index (when the tree holds one index,
 * so that they can belong to nothing else).
 */

/** Find the index in `DIR/metadata`: `database.DBNAME.yaml`, or the only `database.*.yaml`. */
export async function findIndex(dir: string, dbname?: string): Promise<string> {
  if (dbname !== undefined) return indexFile(dbname);
  const indexes = (await metadataEntries(dir)).filter((n) => isIndex(n)).sort();
  if (indexes.length === 1) return indexes[0] as string;
  const metadata = join(dir, "metadata");
  if (indexes.length === 0) throw new InputError(`${metadata}: no database.DBNAME.yaml index found`);
  throw new UsageError(`${metadata} holds several indexes: ${indexes.join(", ")}; name the database`);
}

function isIndex(name: string): boolean {
  return /^database\..+\.yaml$/.test(name);
}

async function metadataEntries(dir: string): Promise<string[]> {
  const metadata = join(dir, "metadata");
  try {
    return await readdir(metadata);
  } catch (error) {
    throw new InputError(`${metadata}: no metadata directory (expected ${join(metadata, "database.DBNAME.yaml")})`, { cause: error });
  }
}

/** A file to read: relative to the metadata directory; `schema` for a file of one schema's objects. */
interface TreeFile {
  file: string;
  schema: string | undefined;
}

/** Read a multiple-files tree into one model; every file's problems are reported together. */
export async function readMultipleFiles(dir: string, dbname?: string): Promise<Database> {
  return (await readTree(dir, dbname)).db;
}

/** The model of a tree, and every file it was read from (relative to `DIR/metadata`, the index first). */
export async function readTree(dir: string, dbname?: string): Promise<{ db: Database; index: string; files: string[] }> {
  const metadata = join(dir, "metadata");
  const index = await findIndex(dir, dbname);
  const indexPath = join(metadata, index);
  const inside = await treeReader(metadata);
  const text = await inside(indexPath);
  const listed: TreeFile[] = indexEntries(text, indexPath).map((e) => ({
    file: e.file,
    schema: e.key === "schema" ? undefined : e.schema,
  }));
  const single = (await metadataEntries(dir)).filter(isIndex).length === 1;
  const files = single ? [...listed, ...(await unlistedFiles(metadata, listed))] : listed;
  const db = emptyDatabase();
  const problems: InputError[] = [];
  const seen = new Set<string>();
  for (const { file, schema } of files) {
    const target = `${schema ?? ""}\u0000${file}`;
    if (seen.has(target)) continue;
    seen.add(target);
    const path = insideMetadata(metadata, file);
    try {
      const content = await inside(path);
      if (schema !== undefined) mergeSchemaObjectsYaml(db, schema, content, path);
      else mergeSchemaYaml(db, content, path);
    } catch (error) {
      if (error instanceof SchemaInputError) problems.push(...error.problems);
      else if (error instanceof InputError) problems.push(error);
      else problems.push(new InputError(`${path}: listed in ${index} but cannot be read`, { cause: error }));
    }
  }
  if (problems.length > 0) throw combineProblems(problems);
  if (hasDialectLine(text)) markPgvcDialect(db);
  return { db, index, files: [index, ...new Set(files.map((f) => f.file))] };
}

/**
 * Reads files of the tree as UTF-8, never through a symbolic link that
 * leads out of it (its contents could end up quoted in an error message).
 */
async function treeReader(metadata: string): Promise<(path: string) => Promise<string>> {
  const root = await realpath(metadata).catch(() => metadata);
  return async (path) => {
    const real = await realpath(path).catch(() => path);
    if (real !== path && !real.startsWith(root + sep)) {
      throw new InputError(`${path}: a symbolic link to a file outside ${metadata}; not followed`, {
        hints: ["copy the file into the tree, or link to one inside it"],
      });
    }
    return readSchemaFile(path);
  };
}

/** `.yaml` files in the tree that the index does not list, in name order. */
async function unlistedFiles(metadata: string, listed: TreeFile[]): Promise<TreeFile[]> {
  const known = new Set(listed.map((l) => l.file));
  const schemaOfDirectory = new Map<string, string>();
  for (const l of listed)
    if (l.schema !== undefined && l.file.includes("/")) schemaOfDirectory.set(l.file.slice(0, l.file.indexOf("/")), l.schema);
  const found: TreeFile[] = [];
  const entries = (await readdir(metadata, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith(".yaml") && !isIndex(entry.name) && !known.has(entry.name)) {
      found.push({ file: entry.name, schema: undefined });
    } else if (entry.isDirectory() && entry.name.startsWith("schema.")) {
      const schema = schemaOfDirectory.get(entry.name) ?? (await schemaNamedIn(metadata, `${entry.name}.yaml`));
      const names = (await readdir(join(metadata, entry.name))).filter((n) => n.endsWith(".yaml")).sort();
      for (const name of names) {
        const file = `${entry.name}/${name}`;
        if (known.has(file)) continue;
        if (schema === undefined)
          throw new InputError(`${join(metadata, file)}: no ${entry.name}.yaml names the schema these objects belong to`);
        found.push({ file, schema });
      }
    }
  }
  return found;
}

/** The schema a `schema.NAME.yaml` file describes, from its one `schema NAME` key. */
async function schemaNamedIn(metadata: string, file: string): Promise<string | undefined> {
  const text = await readFile(join(metadata, file), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const { root } = parseYaml(text, join(metadata, file));
  if (!isMap(root)) return undefined;
  const names = root.items
    .map((pair) => String((pair.key as { value?: unknown } | null)?.value ?? ""))
    .filter((k) => k.startsWith("schema "));
  return names.length === 1 ? (names[0] as string).slice(7) : undefined;
}
