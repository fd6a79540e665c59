import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { shorten, type InputError } from "@pgvc/core";
import { SchemaInputError } from "@pgvc/yaml";
import type { AugmentSpec, AugmenterOverrides, TableRequest } from "./definitions.js";
import { readAugmenter } from "./spec-augmenter.js";
import { SpecReader, describe, type Entry } from "./reader.js";
import { didYouMean } from "./suggest.js";

/**
 * Read a dbaugment spec: `schema S: {table T: {audit_columns: KIND}}` and
 * an optional `augmenter:` section. Throws an InputError that lists every
 * problem with its file:line:col. Whether the tables and kinds exist is
 * checked later, against the database and the merged augmenter.
 */
export function parseAugmentSpec(text: string, file = "<stdin>"): AugmentSpec {
  const lines = new LineCounter();
  // YAML 1.1 scalars, as PyYAML reads Pyrseas's specs (`not_null: yes`).
  const doc = parseDocument(text, { lineCounter: lines, version: "1.1", uniqueKeys: true, prettyErrors: false });
  const reader = new SpecReader(file, lines);
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    reader.problem({ file, line, column: col }, error.message.split("\n")[0] ?? error.message);
  }
  const spec: AugmentSpec = { file, augmenter: emptyOverrides(), tables: [] };
  if (doc.errors.length === 0) readDocument(reader, doc.contents, spec);
  throwProblems(reader.problems);
  return spec;
}

/** Throw every problem at once, in file order: the first as the error, the others under it. */
export function throwProblems(problems: InputError[]): void {
  if (problems.length === 0) return;
  const line = (p: InputError) => (p.location?.line ?? 0) * 100_000 + (p.location?.column ?? 0);
  throw new SchemaInputError([...problems].sort((a, b) => line(a) - line(b)));
}

function emptyOverrides(): AugmenterOverrides {
  return { columns: {}, audit_columns: {}, function_templates: {}, functions: {}, triggers: {} };
}

function readDocument(reader: SpecReader, contents: Parameters<SpecReader["entries"]>[0], spec: AugmentSpec): void {
  const at = { file: spec.file, line: 1, column: 1 };
  if (contents !== null && !isMap(contents)) {
    reader.problem(
      reader.where(contents),
      `a dbaugment spec is a map of "schema NAME" entries (and "augmenter"); got ${describe(contents)}`,
    );
    return;
  }
  for (const entry of reader.entries(contents, "the spec", at)) {
    if (entry.key === "augmenter") spec.augmenter = readAugmenter(reader, entry);
    else if (entry.key.startsWith("schema ") && entry.key.length > 7) spec.tables.push(...readSchema(reader, entry, entry.key.slice(7)));
    else unknownObject(reader, entry, ["augmenter", "schema NAME"]);
  }
}

function readSchema(reader: SpecReader, entry: Entry, schema: string): TableRequest[] {
  const tables: TableRequest[] = [];
  for (const item of reader.entries(entry.value, `schema ${schema}`, entry.at)) {
    if (!item.key.startsWith("table ") || item.key.length <= 6) {
      unknownObject(reader, item, ["table NAME"]);
      continue;
    }
    const table = item.key.slice(6);
    const fields = reader.fields(item, `table ${table}`, ["audit_columns"]);
    const kind = fields.get("audit_columns");
    const name = reader.string(kind, "audit_columns");
    if (kind === undefined && isEmpty(item.value))
      reader.problem(item.keyAt, `table ${table} asks for nothing`, [
        "expected audit_columns: default, modified_only, full or created_date_only",
      ]);
    tables.push({ schema, table, at: item.keyAt, ...(name !== undefined && kind ? { auditColumns: { kind: name, at: kind.at } } : {}) });
  }
  return tables;
}

function isEmpty(node: Entry["value"]): boolean {
  return node === null || (isScalar(node) && node.value === null) || (isMap(node) && node.items.length === 0);
}

function unknownObject(reader: SpecReader, entry: Entry, expected: string[]): void {
  const word = entry.key.split(" ")[0] ?? entry.key;
  const hint = didYouMean(
    word,
    expected.map((e) => e.split(" ")[0] ?? e),
  );
  reader.problem(entry.keyAt, `unknown entry "${shorten(entry.key, 40)}"${hint}`, [
    `expected ${expected.map((e) => `"${e}"`).join(" or ")}`,
  ]);
}
