import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "@pgvc/core";
import { readSchemaFile } from "../input.js";
import { indexedFiles, indexText, layoutFiles, writeMultipleFiles } from "../multiple.js";
import { readTree } from "../tree.js";
import { combineProblems, SchemaInputError } from "../problems.js";
import { readSchemaYaml } from "../read.js";
import { writeSchemaYaml, renderEntries } from "../write.js";

export interface FmtOptions {
  /** Single schema files to rewrite. */
  files: string[];
  /** A multiple-files tree (the directory holding `metadata/`). */
  directory?: string | undefined;
  /** Which index of the tree, when it holds several. */
  dbname?: string | undefined;
  /** Write nothing; report what is not canonical. */
  check: boolean;
}

export interface FmtResult {
  /** Files that were not canonical (rewritten unless `check`). */
  changed: string[];
  /** Every file examined. */
  examined: string[];
}

/**
 * Rewrite schema files in canonical form without changing their meaning:
 * read to the model, write back. Every file's problems are reported
 * together; files that read cleanly are still rewritten.
 */
export async function fmt(options: FmtOptions): Promise<FmtResult> {
  const result: FmtResult = { changed: [], examined: [] };
  const problems: InputError[] = [];
  for (const file of options.files) {
    try {
      await fmtFile(file, options.check, result);
    } catch (error) {
      if (error instanceof SchemaInputError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (options.directory !== undefined) await fmtDirectory(options.directory, options.dbname, options.check, result);
  if (problems.length > 0) throw combineProblems(problems);
  return result;
}

function readText(file: string): Promise<string> {
  return readSchemaFile(file);
}

/** The canonical form of one schema text, and whether it differs. */
export function fmtText(text: string, file: string): { canonical: string; changed: boolean } {
  const canonical = writeSchemaYaml(readSchemaYaml(text, file), { file: true });
  return { canonical, changed: canonical !== text };
}

async function fmtFile(file: string, check: boolean, result: FmtResult): Promise<void> {
  const text = await readText(file);
  const { canonical, changed } = fmtText(text, file);
  result.examined.push(file);
  if (!changed) return;
  result.changed.push(file);
  if (!check) await writeFile(file, canonical);
}

async function fmtDirectory(dir: string, dbname: string | undefined, check: boolean, result: FmtResult): Promise<void> {
  const { db, index, files: read } = await readTree(dir, dbname);
  const metadata = join(dir, "metadata");
  const { files, index: indexEntries } = layoutFiles(db);
  const expected = new Map([...files].map(([file, entries]) => [join(metadata, file), renderEntries(entries)]));
  expected.set(join(metadata, index), indexText(db, indexEntries));
  const changed: string[] = [];
  for (const [path, text] of [...expected].sort(([a], [b]) => a.localeCompare(b))) {
    result.examined.push(path);
    const current = await readFile(path, "utf8").catch(() => undefined);
    if (current !== text) changed.push(path);
  }
  // Files read now, or listed by the index, that the canonical layout does not have: their objects move.
  const stale = [...new Set([...read, ...(await indexedFiles(dir, index))])].map((f) => join(metadata, f)).filter((p) => !expected.has(p));
  changed.push(...stale.filter((p) => !changed.includes(p)));
  result.changed.push(...changed);
  if (check || changed.length === 0) return;
  await writeMultipleFiles(db, dir, index.slice("database.".length, -".yaml".length));
  for (const path of stale) await rm(path, { force: true });
}
