import { mkdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { isMap, isScalar, type Node } from "yaml";
import { InputError } from "@pgvc/core";
import { normalizeDatabase, schemaAttributesSpec, schemaKinds, topKinds, type Database } from "@pgvc/model";
import { headerFor } from "./dialect.js";
import { baseName, indexFile, schemaFile, schemaObjectFile, topObjectFile } from "./files.js";
import { objectKey } from "./layout.js";
import type { NodeReader } from "./nodes.js";
import { parseYaml } from "./read.js";
import { inlineString } from "./scalars.js";
import { asWritten, foreignDataWrapperNode, mapNode, objectNode, renderEntries, schemaAttributes, type Entry } from "./write.js";

/**
 * The multiple-files layout (`-m`, `-r DIR`): `DIR/metadata/database.DBNAME.yaml`
 * indexes every object key to the file, relative to `DIR/metadata`, that
 * holds it; a schema maps to `{schema: its own file, KEY: object file, ...}`.
 */

export interface MultipleFilesResult {
  /** The index, relative to DIR. */
  index: string;
  /** Every file written, relative to DIR, sorted. */
  files: string[];
  /** Files of the previous index removed before writing, relative to DIR. */
  removed: string[];
}

/** Every file's entries, keyed by path relative to the metadata directory, and the index entries. */
export function layoutFiles(db: Database): { files: Map<string, Entry[]>; index: Entry[] } {
  const normalized = normalizeDatabase(db);
  const files = new Map<string, Entry[]>();
  const add = (file: string, entry: Entry) => {
    const list = files.get(file);
    if (list) list.push(entry);
    else files.set(file, [entry]);
  };
  const index: Entry[] = [];
  const source = normalized as Record<string, unknown>;
  for (const kd of topKinds) {
    for (const [name, value] of Object.entries((source[kd.field] ?? {}) as Record<string, Record<string, unknown>>)) {
      const key = objectKey(kd, name);
      const file = topObjectFile(kd.yaml, baseName(name, kd.signature));
      add(file, [key, kd.field === "foreignDataWrappers" ? foreignDataWrapperNode(value) : objectNode(kd.spec, value)]);
      index.push([key, inlineString(file)]);
    }
  }
  for (const [schemaName, schema] of Object.entries(normalized.schemas)) {
    const ownFile = schemaFile(schemaName);
    add(ownFile, [`schema ${schemaName}`, objectNode(schemaAttributesSpec, schemaAttributes(schema))]);
    const schemaIndex: Entry[] = [["schema", inlineString(ownFile)]];
    for (const kd of schemaKinds) {
      const objects = ((schema as Record<string, unknown>)[kd.field] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, value] of Object.entries(objects)) {
        const key = objectKey(kd, name);
        const file = schemaObjectFile(schemaName, kd.yaml, baseName(name, kd.signature));
        add(file, [key, objectNode(kd.spec, asWritten(kd.field, value))]);
        schemaIndex.push([key, inlineString(file)]);
      }
    }
    index.push([`schema ${schemaName}`, mapNode(schemaIndex)]);
  }
  return { files, index };
}

/** The index of a tree: it opens with the dialect line, which then stands for the whole tree (dialect.ts). */
export function indexText(db: Database, index: Entry[]): string {
  return headerFor(db) + renderEntries(index);
}

/**
 * Write `db` as a multiple-files tree under `dir`. Files that the previous
 * index listed are deleted first, so a dropped object's file disappears.
 */
export async function writeMultipleFiles(db: Database, dir: string, dbname: string): Promise<MultipleFilesResult> {
  const metadata = join(dir, "metadata");
  await mkdir(metadata, { recursive: true });
  const removed = await removeIndexedFiles(metadata, indexFile(dbname));
  const { files, index } = layoutFiles(db);
  for (const [file, entries] of files) {
    const path = join(metadata, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, renderEntries(entries));
  }
  await writeFile(join(metadata, indexFile(dbname)), indexText(db, index));
  const rel = (file: string) => relative(dir, join(metadata, file)).split(sep).join("/");
  return { index: rel(indexFile(dbname)), files: [...files.keys()].map(rel).sort(), removed: removed.map(rel) };
}

/** Delete the files an existing index lists (and schema directories left empty). */
async function removeIndexedFiles(metadata: string, index: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(metadata, index), "utf8");
  } catch {
    return [];
  }
  const listed = indexEntries(text, join(metadata, index));
  const removed: string[] = [];
  for (const { file } of listed) {
    await rm(insideMetadata(metadata, file), { force: true });
    removed.push(file);
  }
  for (const { file } of listed.filter((l) => l.key === "schema")) {
    await rmdir(insideMetadata(metadata, file.replace(/\.yaml$/, ""))).catch(() => undefined);
  }
  return removed;
}

/** A path from an index, refused when it would leave the metadata directory. */
export function insideMetadata(metadata: string, file: string): string {
  const path = resolve(metadata, file);
  if (!path.startsWith(resolve(metadata) + sep)) {
    throw new InputError(`the index names a file outside its directory: ${JSON.stringify(file)}`);
  }
  return path;
}

export interface IndexEntry {
  /** `extension x`, or `schema` for a schema's own file, or a schema object's key. */
  key: string;
  /** The schema for entries under `schema NAME`. */
  schema: string | undefined;
  file: string;
}

/** Parse an index: top-level `KEY: FILE`, and `schema NAME: {schema: FILE, KEY: FILE, ...}`. */
export function indexEntries(text: string, file: string): IndexEntry[] {
  const { reader, root } = parseYaml(text, file);
  const entries: IndexEntry[] = [];
  if (!isMap(root)) {
    reader.report(`expected a map of object keys to files, received ${reader.received(root)}`, reader.offsetOf(root, 0));
  } else {
    for (const pair of reader.pairsOf(root)) {
      const key = reader.keyText(pair);
      const value = reader.resolve(pair.value);
      const at = reader.offsetOf(pair.key, 0);
      if (key === undefined) continue;
      if (isMap(value) && key.startsWith("schema ")) {
        for (const inner of reader.pairsOf(value)) {
          const innerKey = reader.keyText(inner);
          const path = indexPath(reader, reader.resolve(inner.value), reader.offsetOf(inner.key, at));
          if (innerKey !== undefined && path !== undefined) entries.push({ key: innerKey, schema: key.slice(7), file: path });
        }
      } else {
        const path = indexPath(reader, value, at);
        if (path !== undefined) entries.push({ key, schema: undefined, file: path });
      }
    }
  }
  reader.throwIfProblems();
  return entries;
}

function indexPath(reader: NodeReader, node: Node | null, at: number): string | undefined {
  if (isScalar(node) && typeof node.value === "string" && node.value !== "") return node.value;
  return reader.report(
    `expected a file name relative to the metadata directory, received ${reader.received(node)}`,
    reader.offsetOf(node, at),
  );
}

/** The files an index lists, relative to the metadata directory (none when there is no index yet). */
export async function indexedFiles(dir: string, index: string): Promise<string[]> {
  const path = join(dir, "metadata", index);
  const text = await readFile(path, "utf8").catch(() => undefined);
  return text === undefined ? [] : [...new Set(indexEntries(text, path).map((e) => e.file))];
}
